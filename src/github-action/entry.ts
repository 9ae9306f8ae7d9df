/** The bundle's entry point (scripts/bundle-action.js): runs the action when the runner starts it. */
import { main } from './main';

main();
