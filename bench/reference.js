/* The benchmark's floor: the comments kibitz shows, built by hand with plain
 * DOM calls. Same JSON, same element structure and class names (so
 * kibitz.css gives the browser the same style and layout work), one collapse
 * button per comment. It handles only what the benchmark threads hold: flat
 * native comments with `parent` ids and plain-text bodies. */
(function () {
  'use strict';
  var script = document.currentScript;
  // Fetch first: everything below can happen while the data is on its way.
  var data = fetch(script.dataset.src).then(function (r) { return r.json(); });
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = script.dataset.css || '/static/kibitz/kibitz.css';
  document.head.insertBefore(css, document.head.firstChild);
  var root = document.createElement('section');
  root.className = 'kibitz';
  script.after(root);
  var when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  var URL_RE = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}*]/g;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  // Paragraphs at blank lines, <br> at single newlines, bare URLs linked.
  function body(text) {
    var div = el('div', 'kibitz-comment__body');
    div.dir = 'auto';
    text.split(/\n[ \t]*\n/).forEach(function (para) {
      var p = div.appendChild(el('p'));
      para.split('\n').forEach(function (line, i) {
        if (i) p.appendChild(el('br'));
        var at = 0;
        line.replace(URL_RE, function (url, start) {
          p.append(line.slice(at, start));
          var a = p.appendChild(el('a', null, url));
          a.href = url;
          a.rel = 'nofollow ugc noopener noreferrer';
          at = start + url.length;
        });
        p.append(line.slice(at));
      });
    });
    return div;
  }

  function comment(c, number) {
    var li = el('li', 'kibitz-comment');
    li.dataset.commentId = c.id;
    var meta = li.appendChild(el('div', 'kibitz-comment__meta'));
    var toggle = meta.appendChild(el('button', 'kibitz-comment__toggle', '−'));
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'true');
    meta.appendChild(el('span', 'kibitz-avatar kibitz-avatar--hue' + (c.author.name.length % 8), Array.from(c.author.name)[0]));
    var byline = meta.appendChild(el('span', 'kibitz-comment__byline'));
    byline.appendChild(el('span', 'kibitz-comment__author', c.author.name)).dir = 'auto';
    byline.appendChild(el('time', 'kibitz-comment__time', when.format(new Date(c.created)))).dateTime = c.created;
    meta.appendChild(el('span', 'kibitz-comment__number', '#' + number));
    var content = li.appendChild(el('div', 'kibitz-comment__content'));
    content.appendChild(body(c.body));
    return li;
  }

  // One listener for every collapse button.
  root.addEventListener('click', function (event) {
    var toggle = event.target.closest('.kibitz-comment__toggle');
    if (!toggle) return;
    var li = toggle.closest('.kibitz-comment');
    var open = li.classList.toggle('kibitz-comment--collapsed');
    li.querySelector('.kibitz-comment__content').hidden = open;
    toggle.setAttribute('aria-expanded', String(!open));
    toggle.textContent = open ? '+' : '−';
  });

  data.then(function (thread) {
    var list = thread.comments.slice().sort(function (a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : 0; });
    var items = new Map();
    list.forEach(function (c, i) { items.set(c.id, comment(c, i + 1)); });
    var top = el('ol', 'kibitz-list');
    // Every item exists already, so a reply finds its parent wherever it is
    // in the file; replies are appended in time order.
    list.forEach(function (c) {
      var parent = c.parent != null && items.get(c.parent);
      if (!parent) return top.appendChild(items.get(c.id));
      var content = parent.lastChild;
      var replies = content.lastChild.tagName === 'OL' ? content.lastChild : content.appendChild(el('ol', 'kibitz-replies'));
      replies.appendChild(items.get(c.id));
    });
    var header = root.appendChild(el('header', 'kibitz-header'));
    header.appendChild(el('h2', 'kibitz-header__title', list.length + ' comments'));
    root.appendChild(top);
    root.dispatchEvent(new CustomEvent('reference:ready', { bubbles: true, detail: list.length }));
  });
})();
