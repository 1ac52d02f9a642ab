const { setAccessTokenProvider } = require('iotexplorer-resource-uploader');
const config = require('./config');

/**
 * Login stand-in. A real app calls wx.login, then its server or cloud function exchanges the code
 * with AppGetTokenByWeiXin and returns {Token, ExpireAt}. Here the dev token of config.js plays that part.
 */
function login() {
  return new Promise((resolve) => setTimeout(() => resolve(config.devToken), 200));
}

App({
  onLaunch() {
    // Asked with reason 'missing' when a component has no access-token, and 'invalid' when the
    // server rejects the token: once per reason per upload.
    setAccessTokenProvider(({ reason }) => {
      console.info('[demo] access token requested:', reason);
      return login();
    });
  },
});
