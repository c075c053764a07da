/** Popup entry: the library in its compact layout, wired to the extension. */
import { render } from 'preact';
import { App } from './App';
import { extensionApi } from './extension-api';
import './popup.css';

render(<App api={extensionApi({ isLibraryPage: false })} layout="popup" />, document.getElementById('app')!);
