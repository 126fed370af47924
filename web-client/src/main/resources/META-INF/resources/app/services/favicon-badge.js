// The tab's icon with a count on it: the app's icon (favicon.svg) drawn again as an SVG with a red
// badge, set on <link rel=icon> as a data: URL (the Content-Security-Policy allows data: images);
// the plain icon again when nothing waits.

const PLAIN = '/app/favicon.svg';
let shown = 0;

function badged(count) {
  const text = count > 99 ? '99+' : String(count);
  const size = text.length > 2 ? 11 : 14;
  return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    + '<rect width="32" height="32" rx="8" fill="#5865f2"/><path d="M8 10h16v10H14l-4 4v-4H8z" fill="#fff"/>'
    + '<circle cx="22" cy="10" r="10" fill="#da373c"/>'
    + `<text x="22" y="15" font-family="Arial,sans-serif" font-weight="700" font-size="${size}" `
    + `text-anchor="middle" fill="#fff">${text}</text></svg>`;
}

/** Shows `count` on the tab's icon (0: the plain icon). */
export function showFaviconCount(count) {
  if (count === shown) {
    return;
  }
  shown = count;
  const link = document.querySelector('link[rel="icon"]');
  if (!link) {
    return;
  }
  if (count > 0) {
    link.href = `data:image/svg+xml,${encodeURIComponent(badged(count))}`;
    link.dataset.count = String(count);
  } else {
    link.href = PLAIN;
    delete link.dataset.count;
  }
}
