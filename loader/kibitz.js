/*! kibitz loader: the only file a host page includes. It must run as a
 * classic script (document.currentScript is null in modules): it finds its
 * own URL, injects the stylesheet, loads the widget module and its .wasm
 * from beside itself, and mounts one comment section for its own tag (when
 * it has data-src) and for every [data-kibitz] element on the page, and
 * fills every [data-kibitz-count] badge.
 * A widget is lazy unless data-loading="eager": nothing (stylesheet, wasm,
 * thread) is fetched before the page's load event, nor before the widget
 * is within one viewport of being seen. */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) {
    console.error('[kibitz] kibitz.js must be included as a classic <script src="…/kibitz.js">, not a module.');
    return;
  }
  var base = new URL('.', script.src).href;
  var key = typeof Symbol === 'function' ? Symbol.for('kibitz.loader') : '__kibitz_loader';
  var shared = window[key] || (window[key] = { module: null, mounted: new WeakSet() });
  shared.preloaded = shared.preloaded || {};

  function injectStyle() {
    if (document.getElementById('kibitz-style')) return;
    var link = document.createElement('link');
    link.id = 'kibitz-style';
    link.rel = 'stylesheet';
    link.href = base + 'kibitz.css';
    // First in <head>, so the host's own rules win over ours.
    var head = document.head || document.documentElement;
    head.insertBefore(link, head.firstChild);
  }

  function loadModule() {
    if (!shared.module) {
      // The wasm is requested beside its glue module, not after the glue
      // has loaded and run: the download overlaps instead of queueing.
      var wasm = fetch(base + 'kibitz-widget_bg.wasm');
      wasm.catch(function () {}); // reported through the module's failure
      // The page's first Intl date formatter loads the browser's locale
      // data (tens of milliseconds): done now, while the wasm downloads,
      // it is not on the way to the first comment.
      setTimeout(function () {
        try { new Intl.DateTimeFormat(); } catch (e) { /* the widget reports it */ }
      });
      shared.module = import(base + 'kibitz-widget.js').then(function (widget) {
        return widget.default({ module_or_path: wasm }).then(function () {
          return widget;
        });
      });
    }
    return shared.module;
  }

  // This tag is a widget when it names a thread (data-src or a service
  // shortcut), or when the page holds no [data-kibitz] element (then the
  // missing data-src is shown, not hidden).
  // A tag in <head>, or one whose data-target may not be parsed yet, waits
  // for the document: it must not render into <head> or miss its target.
  function hosts(final) {
    var list = Array.prototype.slice.call(document.querySelectorAll('[data-kibitz]'));
    var early = !final && (script.closest('head') || script.hasAttribute('data-target'));
    var names = ['data-src', 'data-bluesky', 'data-mastodon', 'data-hn'].some(function (a) { return script.hasAttribute(a); });
    var badgesOnly = document.querySelector('[data-kibitz-count]') !== null;
    if (!early && (names || (final && list.length === 0 && !badgesOnly))) list.unshift(script);
    return list.filter(function (el) { return !shared.mounted.has(el); });
  }

  // A page opened at a link to a comment (#kibitz-…) loads every widget at
  // once: the linked comment must be found and shown, wherever it is.
  function eager(el) {
    return (el.getAttribute('data-loading') || '').trim().toLowerCase() === 'eager' ||
      location.hash.indexOf('#kibitz-') === 0;
  }

  // Where a <script> host's comments go: a box right after it (or at the
  // end of <body> for a tag in <head>), made now so that it can be watched.
  function placeholderFor(el) {
    if (el.tagName !== 'SCRIPT' || el.hasAttribute('data-target')) return null;
    var box = document.createElement('div');
    box.className = 'kibitz-mount';
    if (el.closest('head')) document.body.appendChild(box); else el.after(box);
    return box;
  }

  // Starts the thread's download beside the widget's own, instead of after
  // it: the widget's fetch (same URL, mode and credentials) takes this
  // response. Only for data-src; service shortcuts are resolved in the wasm.
  function preloadThread(el) {
    var src = (el.getAttribute('data-src') || '').trim();
    if (!src) return;
    var href;
    try {
      href = new URL(src, document.baseURI).href;
    } catch (err) {
      return;
    }
    if (shared.preloaded[href]) return;
    shared.preloaded[href] = true;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = href;
    link.setAttribute('data-kibitz-preload', '');
    (document.head || document.documentElement).appendChild(link);
  }

  // A data-target that selects nothing, or is no selector, loads at once:
  // the widget must show that problem.
  function watchedElement(el) {
    if (el.tagName !== 'SCRIPT') return el;
    try {
      return document.querySelector(el.getAttribute('data-target'));
    } catch (err) {
      return null;
    }
  }

  // Runs start() once the page has loaded and `watched` is within a
  // viewport of the visible area; at once for an eager widget.
  function whenNear(host, watched, start) {
    if (eager(host) || !watched || typeof IntersectionObserver !== 'function') return start();
    function watch() {
      var observer = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        observer.disconnect();
        start();
      }, { rootMargin: '100% 0px 100% 0px' });
      observer.observe(watched);
    }
    if (document.readyState === 'complete') watch();
    else window.addEventListener('load', watch, { once: true });
  }

  // Count badges: <span data-kibitz-count data-src="…">, lazy like widgets.
  function mountBadges() {
    document.querySelectorAll('[data-kibitz-count]').forEach(function (el) {
      if (shared.mounted.has(el)) return;
      shared.mounted.add(el);
      whenNear(el, el, function () {
        preloadThread(el);
        loadModule().then(function (widget) {
          widget.count(el);
        }, function (err) {
          console.error('[kibitz] could not start:', err);
        });
      });
    });
  }

  function mountAll(final) {
    mountBadges();
    hosts(final).forEach(function (el) {
      shared.mounted.add(el);
      var box = placeholderFor(el);
      whenNear(el, box || watchedElement(el), function () {
        injectStyle();
        preloadThread(el);
        loadModule().then(function (widget) {
          try {
            widget.mount(el, box);
          } catch (err) {
            showFailure(el, err, box);
          }
        }, function (err) {
          showFailure(el, err, box);
        });
      });
    });
  }

  function showFailure(el, err, box) {
    console.error('[kibitz] could not start:', err);
    var root = document.createElement('div');
    root.className = 'kibitz';
    var line = document.createElement('p');
    line.className = 'kibitz-status kibitz-status--error';
    line.setAttribute('role', 'alert');
    line.textContent = 'Comments could not be loaded: the kibitz widget failed to start (' +
      (err && err.message ? err.message : String(err)) + ').';
    root.appendChild(line);
    if (box) box.replaceChildren(root); else if (el.tagName === 'SCRIPT') el.after(root); else el.replaceChildren(root);
    el.dispatchEvent(new CustomEvent('kibitz:error', { bubbles: true, composed: true, detail: line.textContent }));
  }

  function whenParsed(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
    else fn();
  }

  mountAll(false);
  whenParsed(function () { mountAll(true); });
})();
