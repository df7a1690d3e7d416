// Site search runs in a Web Worker, and browsers refuse to start workers for a
// page opened from disk (file://). There, this stand-in runs the worker's
// script in a hidden same-origin iframe and passes messages both ways, so
// search keeps working offline. Its file name tells Material's offline plugin
// that a shim is present, so the plugin loads none from the web.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  class IframeWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.ready = false;
      this.pending = [];
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.documentElement.appendChild(frame);
      this.scope = frame.contentWindow;
      // What the worker posts arrives here, as a message from a real worker would.
      this.scope.postMessage = (data) => this.deliver(new MessageEvent("message", { data }));
      const script = this.scope.document.createElement("script");
      script.src = new URL(url, location.href).href;
      script.onload = () => {
        this.ready = true;
        this.pending.splice(0).forEach((data) => this.send(data));
      };
      script.onerror = () => this.deliver(new Event("error"));
      this.scope.document.head.appendChild(script);
    }

    deliver(event) {
      const handler = event.type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
      this.dispatchEvent(event);
    }

    send(data) {
      this.scope.dispatchEvent(new this.scope.MessageEvent("message", { data }));
    }

    postMessage(data) {
      if (this.ready) this.send(data);
      else this.pending.push(data);
    }

    terminate() {
      this.scope.frameElement.remove();
    }
  }

  window.Worker = IframeWorker;
})();
