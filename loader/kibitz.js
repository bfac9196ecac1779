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
  // The build this loader belongs to, written in by the build
  // (scripts/post-build.sh): the glue, the wasm and the stylesheet are
  // asked for by it, so that however long a host lets browsers cache them,
  // a copy from another build is never paired with this loader or with
  // each other (the glue and the wasm of two builds do not fit together).
  var version = typeof KIBITZ_BUILD === 'string' ? '?v=' + KIBITZ_BUILD : '';
  var key = typeof Symbol === 'function' ? Symbol.for('kibitz.loader') : '__kibitz_loader';
  var shared = window[key] || (window[key] = { module: null, mounted: new WeakSet() });
  shared.preloaded = shared.preloaded || {};
  // The handle of each element's widget mounted through window.kibitz.
  shared.handles = shared.handles || new WeakMap();

  function injectStyle(el) {
    // A widget inside another component's shadow root: the page's
    // stylesheets do not reach it, so that root gets its own link.
    var root = el && el.getRootNode ? el.getRootNode() : null;
    if (root && root !== document && root.nodeType === 11 && !root.querySelector('link[data-kibitz-style]')) {
      var own = document.createElement('link');
      own.rel = 'stylesheet';
      own.href = base + 'kibitz.css' + version;
      own.setAttribute('data-kibitz-style', '');
      root.insertBefore(own, root.firstChild);
    }
    // Ours, not an element of the page's that happens to have the id.
    var existing = document.getElementById('kibitz-style');
    if (existing && existing.localName === 'link') return;
    var link = document.createElement('link');
    link.id = 'kibitz-style';
    link.rel = 'stylesheet';
    link.href = base + 'kibitz.css' + version;
    // First in <head>, so the host's own rules win over ours.
    var head = document.head || document.documentElement;
    head.insertBefore(link, head.firstChild);
  }

  function loadModule() {
    if (!shared.module) {
      // The wasm is requested beside its glue module, not after the glue
      // has loaded and run: the download overlaps instead of queueing.
      var wasm = download('kibitz-widget_bg.wasm');
      wasm.catch(function () {}); // reported through the module's failure
      // The page's first Intl date formatter loads the browser's locale
      // data (tens of milliseconds): done now, while the wasm downloads,
      // it is not on the way to the first comment.
      setTimeout(function () {
        try { new Intl.DateTimeFormat(); } catch (e) { /* the widget reports it */ }
      });
      shared.module = import(base + 'kibitz-widget.js' + version).then(function (widget) {
        return widget.default({ module_or_path: wasm }).then(function () {
          return widget;
        }, function (err) {
          throw whyNotLinked(err);
        });
      });
    }
    return shared.module;
  }

  // The wasm's answer, or why there is none in words that name the file:
  // a site that uploaded kibitz.js alone, or a page whose fetch is blocked
  // or replaced (even by one that throws at once, or none at all).
  function download(file) {
    return new Promise(function (resolve) {
      resolve(fetch(base + file + version));
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(base + file + ' answered HTTP ' + response.status + '; it belongs beside kibitz.js');
      }
      return response;
    }, function (err) {
      throw new Error(base + file + ' could not be downloaded: ' + (err && err.message ? err.message : String(err)));
    });
  }

  // A wasm that asks its glue for functions the glue has not got (a
  // LinkError), or lacks what the glue calls in it as it starts (a
  // TypeError: "… is not a function"), is one of another build: a cache
  // between the server and the browser kept an old copy of one of the two
  // (a CDN that ignores the ?v= in the URLs). Said so, instead of in the
  // engine's words alone.
  function whyNotLinked(err) {
    var linkError = typeof WebAssembly === 'object' && err instanceof WebAssembly.LinkError;
    var missing = err instanceof TypeError && /is not a function/.test(err.message);
    if (!linkError && !missing) return err;
    var why = new Error('kibitz-widget.js and kibitz-widget_bg.wasm are of two builds: a cache kept an old copy of one');
    why.cause = err;
    return why;
  }

  // This tag is a widget when it names a thread (data-src or a service
  // shortcut), or when the page holds no [data-kibitz] element (then the
  // missing data-src is shown, not hidden).
  // A tag in <head>, or one whose data-target may not be parsed yet, waits
  // for the document: it must not render into <head> or miss its target.
  // Plain loops over the page's elements, here and below: a host page may
  // have replaced Array's or NodeList's methods with broken ones.
  function hosts(final) {
    var found = document.querySelectorAll('[data-kibitz]');
    var early = !final && (script.closest('head') || script.hasAttribute('data-target'));
    var names = script.hasAttribute('data-src') || script.hasAttribute('data-bluesky') ||
      script.hasAttribute('data-mastodon') || script.hasAttribute('data-hn');
    // Nor when the page shows comments otherwise: badges, <kibitz-thread>,
    // or a tag marked data-api for window.kibitz alone.
    var otherwise = script.hasAttribute('data-api') ||
      document.querySelector('[data-kibitz-count], kibitz-thread') !== null;
    // A tag marked data-api is never a widget itself, data-src or not.
    var apiOnly = script.hasAttribute('data-api');
    var list = [];
    if (!early && !apiOnly && (names || (final && found.length === 0 && !otherwise))) list[0] = script;
    for (var i = 0; i < found.length; i++) list[list.length] = found[i];
    var fresh = [];
    for (var j = 0; j < list.length; j++) {
      if (!shared.mounted.has(list[j])) fresh[fresh.length] = list[j];
    }
    return fresh;
  }

  // A page opened at a link to a comment (#kibitz-…) loads every widget at
  // once: the linked comment must be found and shown, wherever it is. So
  // does a page reloaded, or come back to, while the reader was in its
  // comments (below).
  function eager(el) {
    var loading = el.getAttribute('data-loading') || (el.localName === 'kibitz-thread' && el.getAttribute('loading'));
    return (loading || '').trim().toLowerCase() === 'eager' || linksToComment() || !!shared.place;
  }

  // Whether the page's address names a comment (#kibitz-…).
  function linksToComment() {
    return location.hash.indexOf('#kibitz-') === 0;
  }

  // A reader who reloads the page, or comes back to it where the browser
  // did not keep it whole, finds the comments where they were: the
  // browser puts the scroll back before the comments are there (at the
  // article's end), so the comment at the top of the screen is remembered
  // on leaving and put back at its height once it shows, unless the
  // reader has moved on meanwhile or the address names a comment.
  function keepPlace() {
    if (shared.placeKept) return;
    shared.placeKept = true;
    var storeKey = 'kibitz:place:' + location.pathname + location.search;
    // Storage is touched only on a reload or a return: a first visit's
    // start (and its load event) pays nothing for this.
    try {
      var entry = performance.getEntriesByType('navigation')[0];
      if (entry && (entry.type === 'reload' || entry.type === 'back_forward') && !linksToComment()) {
        var saved = JSON.parse(window.sessionStorage.getItem(storeKey));
        if (saved && typeof saved[0] === 'string' && typeof saved[1] === 'number') shared.place = saved;
      }
    } catch (err) {
      return; // no storage (a sandboxed frame): nothing to keep
    }
    window.addEventListener('pagehide', function () {
      // The innermost comment under the middle of the screen's top, a
      // step at a time below a page's own fixed header.
      var item = null;
      for (var y = 0; y < window.innerHeight && !item; y += 40) {
        var hit = document.elementFromPoint(window.innerWidth / 2, y);
        item = hit && hit.closest ? hit.closest('li.kibitz-comment[id]') : null;
      }
      try {
        if (item) window.sessionStorage.setItem(storeKey, JSON.stringify([item.id, item.getBoundingClientRect().top]));
        else window.sessionStorage.removeItem(storeKey);
      } catch (err) {}
    });
    if (!shared.place) return;
    var moved = false;
    function movedOn() {
      moved = true;
      shared.place = null;
    }
    var moves = ['wheel', 'touchmove', 'keydown', 'mousedown'];
    for (var i = 0; i < moves.length; i++) window.addEventListener(moves[i], movedOn, { once: true, passive: true });
    document.addEventListener('kibitz:ready', function () {
      var place = shared.place;
      var item = place && document.getElementById(place[0]);
      if (!item) return; // another widget's, or gone: wait for the next
      shared.place = null;
      // Comments above it take their real height as they near the screen
      // (content-visibility): put it back for a few frames.
      var frames = 0;
      (function settle() {
        if (moved) return;
        var off = item.getBoundingClientRect().top - place[1];
        if (Math.abs(off) > 1) window.scrollBy(0, off);
        if (++frames < 6) window.requestAnimationFrame(settle);
      })();
    });
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
  // it, and reads its body: the widget (same URL, mode and credentials as
  // its own fetch) takes the answer from shared.preloaded once, already in
  // memory, so nothing waits for a response between its start and its
  // parse. An error status is handed over unread, for the widget to
  // explain. Only for data-src; service shortcuts are resolved in the wasm.
  function preloadThread(el) {
    var src = (el.getAttribute('data-src') || '').trim();
    if (!src) return;
    var href;
    try {
      // Without its fragment, as the widget keys it: "/t.json#top" is
      // "/t.json".
      var url = new URL(src, document.baseURI);
      url.hash = '';
      href = url.href;
    } catch (err) {
      return;
    }
    if (shared.preloaded[href]) return;
    var answer;
    try {
      answer = fetch(href, { credentials: 'same-origin' });
    } catch (err) {
      return; // the widget's own fetch fails too, and says so
    }
    answer = answer.then(function (response) {
      if (!response.ok) return [response];
      // Chunk by chunk as it arrives: arrayBuffer() hands over a big body
      // tens of milliseconds after its last byte (about 45 ms for 5 MB),
      // a reader within a few.
      if (!response.body || typeof response.body.getReader !== 'function') {
        return response.arrayBuffer().then(function (body) { return [response, body]; });
      }
      var reader = response.body.getReader();
      var chunks = [];
      function more() {
        return reader.read().then(function (part) {
          if (part.done) return [response, chunks];
          chunks.push(part.value);
          return more();
        });
      }
      return more();
    });
    answer.catch(function () {}); // reported by the widget that takes it
    shared.preloaded[href] = answer;
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
  // viewport of the visible area (a box's own, in a scrolling box, where
  // the browser can say so: scrollMargin), or a link to a comment is
  // followed on the page; at once for an eager widget. Returns a function
  // that stops the watching.
  function whenNear(host, watched, start) {
    if (eager(host) || !watched || typeof IntersectionObserver !== 'function') {
      start();
      return function () {};
    }
    var observer = null;
    var cancelled = false;
    function stop() {
      cancelled = true;
      if (observer) observer.disconnect();
      window.removeEventListener('load', watch);
      window.removeEventListener('hashchange', linked);
    }
    function go() {
      if (cancelled) return;
      stop();
      start();
    }
    // A link to a comment followed on the page (pasted in the address
    // bar, an @Name, a table of contents) starts every lazy widget, as a
    // page opened at one does: the comment must be found and shown.
    function linked() {
      if (linksToComment()) go();
    }
    function watch() {
      if (cancelled) return;
      observer = new IntersectionObserver(function (entries) {
        var near = false;
        for (var i = 0; i < entries.length; i++) near = near || entries[i].isIntersecting;
        if (near) go();
      }, margins);
      observer.observe(watched);
    }
    // A screen ahead, or to the side: where the browser can grow every
    // scrolling box's clip (scrollMargin, the page's own included), by
    // that; elsewhere, the viewport alone.
    var margins = 'scrollMargin' in IntersectionObserver.prototype
      ? { scrollMargin: '100%' }
      : { rootMargin: '100%' };
    window.addEventListener('hashchange', linked);
    if (document.readyState === 'complete') watch();
    else window.addEventListener('load', watch, { once: true });
    return stop;
  }

  // Count badges: <span data-kibitz-count data-src="…">, lazy like widgets.
  function mountBadges() {
    var badges = document.querySelectorAll('[data-kibitz-count]');
    for (var i = 0; i < badges.length; i++) mountBadge(badges[i]);
  }

  function mountBadge(el) {
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
  }

  function mountAll(final) {
    mountBadges();
    var list = hosts(final);
    for (var i = 0; i < list.length; i++) mountWidget(list[i]);
  }

  function mountWidget(el) {
    shared.mounted.add(el);
    var box = placeholderFor(el);
    whenNear(el, box || watchedElement(el), function () {
      try {
        injectStyle(box || el);
        preloadThread(el);
        loadModule().then(function (widget) {
          if (shared.broken) return showFailure(el, shared.broken, box);
          try {
            widget.mount(el, box);
          } catch (err) {
            broke(err);
            showFailure(el, shared.broken, box);
          }
        }, function (err) {
          showFailure(el, err, box);
        });
      } catch (err) {
        // A page whose own scripts broke what the loader uses.
        showFailure(el, err, box);
      }
    });
  }

  // An exception that came out of the widget's code left it in an unknown
  // state (half-way through its own bookkeeping): no later widget on the
  // page starts in it, each says why instead. The one known cause, in
  // words a site owner can act on.
  function broke(err) {
    var message = err && err.message ? err.message : String(err);
    if (/TrustedHTML/.test(message)) {
      err = new Error("this page enforces Trusted Types (require-trusted-types-for 'script'), which kibitz does not support: " +
        'the library it is built with makes its elements from HTML templates');
    }
    shared.broken = shared.broken || err;
  }

  function showFailure(el, err, box) {
    console.error('[kibitz] could not start:', err);
    var root = document.createElement('div');
    root.className = 'kibitz';
    var line = document.createElement('p');
    line.className = 'kibitz-status kibitz-status--error';
    line.setAttribute('role', 'alert');
    // The event's detail is what follows the lead-in, as for every other
    // error the widget shows.
    var detail = 'the kibitz widget failed to start (' + (err && err.message ? err.message : String(err)) + ')';
    line.textContent = 'Comments could not be loaded: ' + detail;
    root.appendChild(line);
    if (box) box.replaceChildren(root); else if (el.tagName === 'SCRIPT') el.after(root); else el.replaceChildren(root);
    el.dispatchEvent(new CustomEvent('kibitz:error', { bubbles: true, composed: true, detail: detail }));
  }

  function whenParsed(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
    else fn();
  }

  // Options of window.kibitz.mount and attributes of <kibitz-thread> are
  // the data-* attributes without their prefix: { pageSize: 'all' } and
  // page-size="all" both mean data-page-size="all". A null or undefined
  // value is an option not given, as an absent attribute.
  function optionPairs(options) {
    if (options == null) return [];
    if (typeof options !== 'object' || Array.isArray(options)) {
      console.warn('[kibitz] kibitz.mount: the options should be an object; ignored');
      return [];
    }
    var names = Object.keys(options);
    var pairs = [];
    for (var i = 0; i < names.length; i++) {
      var value = options[names[i]];
      if (value == null) continue;
      var attribute = names[i].replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); });
      if (attribute.indexOf('data-') !== 0) attribute = 'data-' + attribute;
      pairs[pairs.length] = [attribute, value === true ? '' : String(value)];
    }
    return pairs;
  }

  // window.kibitz, made or found: an object of the page's own (set before
  // the loader, to be filled) is used; anything else there (a number, a
  // frozen object, an element whose id is "kibitz", which browsers expose
  // as window.kibitz) is not the API, and is left alone with a warning: no
  // widget depends on it.
  function publicApi() {
    var found = window.kibitz;
    var usable = found && typeof found === 'object' && !found.nodeType && Object.isExtensible(found);
    if (usable) return found;
    var api = {};
    if (found === undefined || (found && found.nodeType)) {
      try {
        window.kibitz = api;
        if (window.kibitz === api) return api;
      } catch (err) { /* reported below */ }
    }
    console.warn('[kibitz] window.kibitz is taken by something of the page\'s; kibitz.mount is not available there');
    return api;
  }

  // window.kibitz: widgets for single-page applications, mounted and
  // unmounted by the host's own code (eagerly: the host decides when).
  var api = shared.api || (shared.api = publicApi());
  // The loader's own mount, which <kibitz-thread> uses: an object of the
  // page's may already have a mount of its own.
  if (!shared.mount) {
    shared.mount = function (element, options) {
      if (!element || element.nodeType !== 1) throw new TypeError('kibitz.mount: the first argument must be an element');
      var pairs = optionPairs(options);
      var id = null;
      var gone = false;
      shared.mounted.add(element);
      injectStyle(element);
      // One widget per element: a second mount takes the first one's
      // place once it is off, so the first handle cannot touch the second.
      var previous = shared.handles.get(element);
      var before = previous ? previous.unmount() : Promise.resolve();
      var started = before.then(loadModule).then(function (widget) {
        if (shared.broken) {
          showFailure(element, shared.broken, null);
          throw shared.broken;
        }
        try {
          if (!gone) id = widget.mount_with(element, pairs);
        } catch (err) {
          broke(err);
          showFailure(element, shared.broken, null);
          throw shared.broken;
        }
        return widget;
      }, function (err) {
        showFailure(element, err, null);
        throw err;
      });
      started.catch(function () {});
      var handle = {
        element: element,
        ready: started.then(function () { return undefined; }),
        reload: function () {
          return started.then(function (widget) { if (id !== null) widget.reload(id); });
        },
        unmount: function () {
          gone = true;
          if (shared.handles.get(element) === handle) shared.handles.delete(element);
          return started.then(function (widget) {
            if (id !== null) widget.unmount(id);
            id = null;
            if (!shared.handles.has(element)) shared.mounted.delete(element);
          }, function () {});
        },
      };
      shared.handles.set(element, handle);
      return handle;
    };
  }
  if (!api.mount) {
    api.mount = shared.mount;
  } else if (api.mount !== shared.mount) {
    console.warn('[kibitz] window.kibitz.mount is the page\'s own; kibitz leaves it (<kibitz-thread> and data-kibitz work as usual)');
  }

  // <kibitz-thread src="…">: a widget as an element, with the options as
  // attributes; a changed attribute starts it again (a new src loads the
  // new thread), and taking it out of the page unmounts it.
  var ELEMENT_OPTIONS = ['src', 'bluesky', 'mastodon', 'hn', 'format', 'theme', 'lang', 'locale',
    'timezone', 'time-style', 'collapsed', 'collapse-depth', 'max-depth', 'avatars', 'page-size',
    'heading-level', 'sort', 'remember', 'isolate'];
  if (window.customElements && typeof HTMLElement === 'function' && !customElements.get('kibitz-thread')) {
    customElements.define('kibitz-thread', class extends HTMLElement {
      // The data- forms too: they work as well, so changing one restarts it.
      static get observedAttributes() {
        var names = [];
        for (var i = 0; i < ELEMENT_OPTIONS.length; i++) names[names.length] = ELEMENT_OPTIONS[i];
        for (var j = 0; j < ELEMENT_OPTIONS.length; j++) names[names.length] = 'data-' + ELEMENT_OPTIONS[j];
        return names;
      }
      connectedCallback() {
        var self = this;
        self._wanted = true;
        if (self._watching) return;
        self._watching = true;
        shared.mounted.add(self);
        self._unwatch = whenNear(self, self, function () { self._render(); });
      }
      disconnectedCallback() {
        this._wanted = false;
        var self = this;
        // Moved within the page (disconnected, then connected again in the
        // same task): nothing to do.
        queueMicrotask(function () { if (!self.isConnected) self._stop(); });
      }
      attributeChangedCallback() {
        var self = this;
        if (!self._handle || self._pending) return;
        // Several attributes set in one go restart it once.
        self._pending = true;
        queueMicrotask(function () { self._pending = false; self._render(); });
      }
      _options() {
        var options = {};
        for (var i = 0; i < ELEMENT_OPTIONS.length; i++) {
          var name = ELEMENT_OPTIONS[i];
          if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
        }
        return options;
      }
      _render() {
        if (!this._wanted) return;
        var previous = this._handle;
        var self = this;
        var next = function () { if (self._wanted) self._handle = shared.mount(self, self._options()); };
        this._handle = null;
        if (previous) previous.unmount().then(next); else next();
      }
      _stop() {
        this._watching = false;
        // Taken out before it came near: its watcher goes too, or each
        // return to the page would add one more widget.
        if (this._unwatch) this._unwatch();
        this._unwatch = null;
        if (this._handle) this._handle.unmount();
        this._handle = null;
        shared.mounted.delete(this);
      }
    });
  } else if (!window.customElements) {
    whenParsed(function () {
      if (document.querySelector('kibitz-thread')) {
        console.warn('[kibitz] this browser has no custom elements: <kibitz-thread> cannot show its comments (a <div data-kibitz> can)');
      }
    });
  }

  keepPlace();
  mountAll(false);
  whenParsed(function () { mountAll(true); });
})();
