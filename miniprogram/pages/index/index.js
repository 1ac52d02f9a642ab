const config = require('../../config');

Page({
  data: {
    endpoint: config.endpoint,
    productId: config.productId,
    deviceId: config.deviceId,
    audioExtensions: ['mp3', 'wav'],
    log: [],
  },

  /** Keeps the last few events on screen, as a host would log them. */
  record(name, detail) {
    const line = name + ' ' + JSON.stringify(detail);
    this.setData({ log: [line].concat(this.data.log).slice(0, 6) });
  },

  onSuccess(e) {
    this.record('success', { name: e.detail.name, resourceName: e.detail.resourceName, delivery: e.detail.delivery });
  },

  onFail(e) {
    this.record('fail', { name: e.detail.name, code: e.detail.code });
  },

  onReject(e) {
    this.record('reject', { name: e.detail.name, reason: e.detail.reason });
  },

  onComplete(e) {
    this.record('complete', e.detail);
  },

  /** The custom trigger's own button: the component's methods, through selectComponent. */
  onRetryAll() {
    this.selectComponent('#custom').retry();
  },
});
