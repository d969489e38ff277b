import { render } from 'preact';

render(<p>Media Deck</p>, document.getElementById('app') as HTMLElement);
