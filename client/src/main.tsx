import { render } from 'solid-js/web'

render(() => <main>Journeyboard</main>, document.getElementById('root')!)
