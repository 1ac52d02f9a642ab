/**
 * The phone's life cycle as a platform reports it: the app going to the background and back,
 * and the network coming and going. Optional on a Platform: one without it is always
 * "foreground, online". Shaped after WeChat's `wx.onAppHide` / `wx.onNetworkStatusChange`
 * (platform-facts §5) so the WeChat binding is a thin pass-through.
 */

export interface NetworkStatus {
  isConnected: boolean;
  /** WeChat's `networkType`: 'wifi', '4g', …, 'none' when offline, 'unknown'. */
  networkType: string;
}

export type AppVisibilityListener = () => void;
export type NetworkStatusListener = (status: NetworkStatus) => void;

export interface PlatformLifecycle {
  onAppHide(fn: AppVisibilityListener): void;
  offAppHide(fn: AppVisibilityListener): void;
  onAppShow(fn: AppVisibilityListener): void;
  offAppShow(fn: AppVisibilityListener): void;
  onNetworkStatusChange(fn: NetworkStatusListener): void;
  offNetworkStatusChange(fn: NetworkStatusListener): void;
  /** Resolves with the current network type ('none' when offline); rejects when it cannot tell. */
  getNetworkType(): Promise<string>;
}
