import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

// The header's unread count (docs/notifications.md: `unreadCount` of GET /api/me/notifications). Asked again when the
// page changes, every minute, and when the notification centre marks something read (`unreadChanged()`).
const EVENT = 'coprogram:notifiche';
const INTERVAL = 60_000;

export function unreadChanged() {
  window.dispatchEvent(new Event(EVENT));
}

export function useUnreadCount(session, route) {
  const [count, setCount] = useState(null);
  useEffect(() => {
    if (!session) {
      setCount(null);
      return undefined;
    }
    let current = true;
    const load = () =>
      api('/api/me/notifications?page=0&size=1').then(
        (page) => current && setCount(page.unreadCount),
        () => {},
      );
    load();
    const timer = setInterval(load, INTERVAL);
    window.addEventListener(EVENT, load);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener(EVENT, load);
    };
  }, [session?.account, route]);
  return count;
}
