// What rendered Markdown gets after it is in the page: a Copy button on each code block (the
// sanitiser keeps buttons out of the HTML, so they are added as elements), the person's own mentions marked.

/** Adds what is missing to the rendered messages under `root`; safe to call after every update. */
export function enhanceRendered(root, username) {
  for (const pre of root.querySelectorAll('pre.code-block')) {
    if (pre.querySelector('.copy')) {
      continue;
    }
    const button = document.createElement('button');
    button.className = 'copy';
    button.textContent = 'Copy';
    const language = pre.querySelector('.code-lang')?.textContent;
    button.setAttribute('aria-label', language ? `Copy ${language} code` : 'Copy code');
    button.addEventListener('click', () => copyText(pre.querySelector('code').textContent).then(() => {
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
    }));
    pre.append(button);
  }
  root.querySelectorAll('.mention').forEach((mention) => {
    mention.classList.toggle('me', mention.dataset.mention?.toLowerCase() === username?.toLowerCase());
  });
}

/** Puts `text` on the clipboard (a textarea and execCommand where the Clipboard API is refused). */
export function copyText(text) {
  if (navigator.clipboard?.writeText) {
    return navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
  }
  return Promise.resolve(fallbackCopy(text));
}

function fallbackCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}
