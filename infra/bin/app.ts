import { createKikanApp } from '../src/kikan-app.ts';

createKikanApp().app.synth();
