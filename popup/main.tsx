/** Popup entry: the library in its compact layout, wired to the extension. */
import { render } from 'preact';
import { App } from './App';
import { extensionApi } from './extension-api';
import browser from 'webextension-polyfill';
import { platformOf } from './platform';
import { siteAccessApi } from './site-access-api';
import { withFirstReadStarted } from './use-library';
import './popup.css';

// For the benchmark's breakdown (scripts/bench/library.ts): every module loaded and evaluated.
performance.mark('paper-radar:scripts-ready');
render(
  <App
    api={withFirstReadStarted(extensionApi({ isLibraryPage: false }))}
    layout="popup"
    platform={platformOf(location.protocol, browser.extension.inIncognitoContext === true)}
    siteAccess={siteAccessApi}
  />,
  document.getElementById('app')!,
);
