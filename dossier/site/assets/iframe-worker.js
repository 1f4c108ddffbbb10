/* Offline copy of a dossier (opened from disk, file://): browsers refuse to start a Web
   Worker from a file, so Material's search worker runs in a hidden iframe instead. Material's
   search worker supports this arrangement (it looks for `IFrameWorker` in its parent window).
   Written for dossier so that the offline copy requests nothing from outside hosts; it does
   nothing when the site is served over HTTP. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.IFrameWorker) return;

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      (doc.head || doc.documentElement).appendChild(script);
    });
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      var self = this;
      this.onmessage = null;
      this.onerror = null;
      this._queue = [];
      this._ready = false;
      var iframe = document.createElement("iframe");
      iframe.hidden = true;
      iframe.tabIndex = -1;
      iframe.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(iframe);
      this._iframe = iframe;
      var win = iframe.contentWindow;
      var doc = iframe.contentDocument;
      // The worker's global functions, seen from inside the iframe.
      win.postMessage = function (data) { self._emit("message", data); };
      win.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, src) {
          return done.then(function () { return load(doc, src); });
        }, Promise.resolve());
      };
      load(doc, new URL(url, location.href).href).then(function () {
        self._ready = true;
        self._queue.splice(0).forEach(function (data) { self.postMessage(data); });
      }, function (error) { self._emit("error", error); });
    }

    postMessage(data) {
      if (!this._ready) {
        this._queue.push(data);
        return;
      }
      var win = this._iframe.contentWindow;
      win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    }

    terminate() {
      this._iframe.remove();
    }

    _emit(type, data) {
      var event = type === "message"
        ? new MessageEvent("message", { data: data })
        : new ErrorEvent("error", { error: data, message: String(data) });
      this.dispatchEvent(event);
      var handler = this["on" + type];
      if (typeof handler === "function") handler.call(this, event);
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
