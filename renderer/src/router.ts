/** Views by hash route, so the same build works over http:// (serve) and file:// (Electron). */
import { createRouter, createWebHashHistory } from 'vue-router';

export const VIEWS = [
  { path: '/design', name: 'design', title: 'Design', key: '1' },
  { path: '/live/:id?', name: 'live', title: 'Live run', key: '2' },
  { path: '/history', name: 'history', title: 'History', key: '3' },
  { path: '/compare', name: 'compare', title: 'Compare', key: '4' },
  { path: '/studies', name: 'studies', title: 'Studies', key: '6' },
  { path: '/settings', name: 'settings', title: 'Settings', key: '5' },
] as const;

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/design' },
    { path: '/design', name: 'design', component: () => import('./views/DesignView.vue') },
    { path: '/live/:id?', name: 'live', component: () => import('./views/LiveView.vue'), props: true },
    { path: '/history', name: 'history', component: () => import('./views/HistoryView.vue') },
    { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue') },
    { path: '/studies', name: 'studies', component: () => import('./views/StudiesView.vue') },
    { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue') },
    { path: '/:rest(.*)*', redirect: '/design' },
  ],
});
