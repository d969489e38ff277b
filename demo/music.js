// The demo's music player: what a well-behaved site does with the Media Session API.
const tracks = [
  { title: 'Dawn Chorus', artist: 'Sine Ensemble', album: 'Pure Tones', cover: '/covers/dawn.svg' },
  { title: 'Low Tide', artist: 'Sine Ensemble', album: 'Pure Tones', cover: '/covers/tide.svg' },
  { title: 'Ember Glow', artist: 'Sine Ensemble', album: 'Pure Tones', cover: '/covers/ember.svg' },
];
const audio = new Audio();
const ms = navigator.mediaSession;
let index = 0;
const $ = (id) => document.getElementById(id);
const log = (text) => {
  $('log').textContent = text;
};

function syncPosition() {
  if (Number.isFinite(audio.duration)) {
    ms.setPositionState({
      duration: audio.duration,
      playbackRate: audio.playbackRate,
      position: audio.currentTime,
    });
  }
}
function load(i) {
  index = (i + tracks.length) % tracks.length;
  const t = tracks[index];
  audio.src = '/media/audio.webm';
  ms.metadata = new MediaMetadata({
    title: t.title,
    artist: t.artist,
    album: t.album,
    artwork: [{ src: t.cover, sizes: '512x512', type: 'image/svg+xml' }],
    chapterInfo: [
      { title: 'Intro', startTime: 0 },
      { title: 'Theme', startTime: 20 },
      { title: 'Outro', startTime: 45 },
    ],
  });
  $('title').textContent = t.title;
  $('artist').textContent = `${t.artist} — ${t.album}`;
  $('cover').src = t.cover;
}
async function play() {
  await audio.play();
  ms.playbackState = 'playing';
  $('toggle').textContent = 'Pause';
}
function pause() {
  audio.pause();
  ms.playbackState = 'paused';
  $('toggle').textContent = 'Play';
}
const handlers = {
  play,
  pause,
  stop: () => {
    pause();
    audio.currentTime = 0;
  },
  previoustrack: () => {
    load(index - 1);
    play();
  },
  nexttrack: () => {
    load(index + 1);
    play();
  },
  seekbackward: (d) => {
    audio.currentTime = Math.max(0, audio.currentTime - (d.seekOffset ?? 10));
  },
  seekforward: (d) => {
    audio.currentTime = Math.min(audio.duration, audio.currentTime + (d.seekOffset ?? 10));
  },
  seekto: (d) => {
    audio.currentTime = d.seekTime;
  },
};
for (const [action, run] of Object.entries(handlers)) {
  ms.setActionHandler(action, (details) => {
    log(
      `Media Deck asked for “${action}”${details.seekTime !== undefined ? ` to ${details.seekTime.toFixed(1)} s` : ''}`,
    );
    run(details);
  });
}
for (const type of ['loadedmetadata', 'play', 'pause', 'seeked', 'ratechange'])
  audio.addEventListener(type, syncPosition);
audio.addEventListener('ended', () => handlers.nexttrack());
$('toggle').addEventListener('click', () => (audio.paused ? play() : pause()));
$('prev').addEventListener('click', () => handlers.previoustrack());
$('next').addEventListener('click', () => handlers.nexttrack());
load(0);
window.demo = { play, pause };
