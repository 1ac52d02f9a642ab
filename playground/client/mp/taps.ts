/**
 * WeChat's `tap` comes from touches; simulate derives it from touchstart/touchend only. A mouse
 * click becomes that pair on the same element, so the page works with a mouse (and playwright's
 * click). Clicks that a real touch produced are left alone: the touches already made the tap.
 */
function touchEvent(type: 'touchstart' | 'touchend', touch: Touch): TouchEvent {
  const active = type === 'touchstart' ? [touch] : [];
  return new TouchEvent(type, { bubbles: true, cancelable: true, composed: true, touches: active, targetTouches: active, changedTouches: [touch] });
}

export function installMouseTaps(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if ((event as PointerEvent).pointerType === 'touch') return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    const touch = new Touch({
      identifier: Date.now(),
      target,
      clientX: event.clientX,
      clientY: event.clientY,
      pageX: event.pageX,
      pageY: event.pageY,
      screenX: event.screenX,
      screenY: event.screenY,
    });
    target.dispatchEvent(touchEvent('touchstart', touch));
    target.dispatchEvent(touchEvent('touchend', touch));
  });
}
