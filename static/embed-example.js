// Drives the embedded players of embed-example.html through their postMessage API.
(() => {
  const story = document.getElementById('story');
  const free = document.getElementById('free');
  const status = document.getElementById('story-status');
  const log = document.getElementById('log');
  const origin = window.location.origin === 'null' ? '*' : window.location.origin;
  const send = (frame, msg) => frame.contentWindow.postMessage(msg, origin);
  let storyReady = false;
  let wanted = 0;

  // Scrollytelling: the section nearest the middle of the screen sets the round.
  const sections = [...document.querySelectorAll('.steps section')];
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        sections.forEach((s) => s.classList.toggle('active', s === e.target));
        wanted = Number(e.target.dataset.round);
        if (storyReady) send(story, { type: 'gossip:seek', round: wanted });
      }
    }
  }, { rootMargin: '-45% 0px -45% 0px' });
  sections.forEach((s) => observer.observe(s));

  window.addEventListener('message', (e) => {
    if (e.origin !== window.location.origin && window.location.origin !== 'null') return;
    const m = e.data;
    if (!m || typeof m.type !== 'string' || !m.type.startsWith('gossip:')) return;
    if (e.source === story.contentWindow) {
      if (m.type === 'gossip:ready') {
        storyReady = true;
        send(story, { type: 'gossip:seek', round: wanted });
      }
      const c = m.counts;
      status.textContent = c
        ? `round ${m.round}: ${c.fresh} fresh, ${c.stale} stale, ${c.unaware} unaware`
        : `round ${m.round}`;
    } else if (e.source === free.contentWindow) {
      const c = m.counts;
      const line = `${m.type} round ${m.round}` + (c ? ` — fresh ${c.fresh}, unaware ${c.unaware}, dead ${c.dead}` : '');
      log.textContent = (line + '\n' + log.textContent).split('\n').slice(0, 8).join('\n');
    }
  });

  document.getElementById('free-step').addEventListener('click', () => send(free, { type: 'gossip:step' }));
  document.getElementById('free-kill').addEventListener('click', () => send(free, { type: 'gossip:kill', node: 5 }));
  document.getElementById('free-inject').addEventListener('click', () => send(free, { type: 'gossip:inject', node: 30, value: 'from the host page' }));
})();
