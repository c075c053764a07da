/** The full-page library (opened from the popup): the same app with room for details and filters. */
import { render } from 'preact';
import { App } from './App';
import { extensionApi } from './extension-api';
import browser from 'webextension-polyfill';
import { platformOf } from './platform';
import { withFirstReadStarted } from './use-library';
import './popup.css';

// Opened by the popup's Import… where a file dialog would close the popup: the import starts here.
const startWithImport = new URLSearchParams(location.search).has('import');
render(<App api={withFirstReadStarted(extensionApi({ isLibraryPage: true }))} layout="page" platform={platformOf(location.protocol, browser.extension.inIncognitoContext === true)} startWithImport={startWithImport} />, document.getElementById('app')!);
