const { hostFileIndex } = require('iotexplorer-resource-uploader');
const config = require('../../config');

Page({
  data: {
    endpoint: config.endpoint,
    productId: config.productId,
    deviceId: config.deviceId,
    audioExtensions: ['mp3', 'wav'],
    /** What the device plays now (from your server in a real app): shown as done, counted in max-count. */
    /** Files already stored, by userResourceName and resourceVer (the playground fills it). */
    storedFiles: [],
    ringtones: [{ name: 'current-ring.mp3', size: 48213, resourceName: 'current-ring' }],
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

  /** use-before-upload: nothing is sent until the user says yes. */
  onBeforeUpload(e) {
    const { files, callback } = e.detail;
    wx.showModal({
      title: 'Add this ringtone?',
      content: files.map((f) => f.name).join(', '),
      success: (res) => callback(res.confirm),
      fail: () => callback(false),
    });
  },

  /** One of our `files` was removed (`hostFileIndex` gives its index): drop it from the list we pass in. */
  onRemoveRingtone(e) {
    const index = hostFileIndex(e.detail.id);
    if (index < 0) return;
    const removed = this.data.ringtones[index];
    this.setData({ ringtones: this.data.ringtones.filter((_, i) => i !== index) });
    this.record('remove', { name: removed.name });
  },

  /** ChooseFailed (the privacy agreement, say) or InvalidOption; the component shows the message too. */
  onError(e) {
    this.record('error', { code: e.detail.code, errMsg: e.detail.errMsg });
  },

  onComplete(e) {
    this.record('complete', e.detail);
  },

  /** The custom trigger's own button: the component's methods, through selectComponent. */
  onRetryAll() {
    this.selectComponent('#custom').retry();
  },
});
