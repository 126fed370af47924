// The page's one store over its one socket, made when a component first asks for it.
import { ChatSocket } from '../services/chat-socket.js';
import { ChatStore } from './chat-store.js';

let store = null;

export function appStore() {
  store ??= new ChatStore(new ChatSocket());
  return store;
}
