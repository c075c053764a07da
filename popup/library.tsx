/** The full-page library (opened from the popup): the same app with room for details and filters. */
import { render } from 'preact';
import { App } from './App';
import { extensionApi } from './extension-api';
import { withFirstReadStarted } from './use-library';
import './popup.css';

render(<App api={withFirstReadStarted(extensionApi({ isLibraryPage: true }))} layout="page" />, document.getElementById('app')!);
