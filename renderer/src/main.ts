import './csp.ts';
import { createApp } from 'vue';
import App from './App.vue';
import { pickClient } from './api/client.ts';
import { DESKTOP_KEY } from './api/desktop.ts';
import { API_KEY } from './api/inject.ts';
import { router } from './router.ts';
import { installStores } from './stores/pinia.ts';
import './styles.css';

const client = pickClient();
const app = createApp(App);
app.provide(API_KEY, client);
app.provide(DESKTOP_KEY, window.desktop ?? null);
installStores(app);
app.use(router);
app.mount('#app');
