export { ChangeEntityLink } from './ChangeEntityLink';
export { ChangeList } from './ChangeList';
export { ChangeSentence } from './ChangeSentence';
export { ChangeHistoryOff } from './states/ChangeHistoryOff';
export { isChangeHistoryOff } from './isChangeHistoryOff';
