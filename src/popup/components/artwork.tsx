import { useState } from 'preact/hooks';
import { chooseArtwork } from '../../shared/artwork';
import type { SessionView } from '../../shared/contract';
import { Icon } from './icon';

/**
 * The session's artwork at the best size for a `size` CSS-pixel slot (`chooseArtwork` with the
 * device pixel ratio), or a placeholder when the page gave none or the image fails to load.
 * Decorative: the title next to it names the session.
 */
export function Artwork({ view, size }: { view: SessionView; size: number }) {
  const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  const image = chooseArtwork(view.artwork, size * ratio);
  const [failed, setFailed] = useState<string | null>(null);
  if (!image || failed === image.src) {
    return (
      <div class="artwork placeholder" style={{ width: size, height: size }} aria-hidden="true">
        <Icon
          name={view.kind === 'video' ? 'placeholder-video' : 'placeholder-audio'}
          size={size / 2}
        />
      </div>
    );
  }
  return (
    <img
      class="artwork"
      src={image.src}
      alt=""
      width={size}
      height={size}
      referrerpolicy="no-referrer"
      loading="lazy"
      decoding="async"
      onError={() => setFailed(image.src)}
    />
  );
}
