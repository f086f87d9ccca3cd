/** The filter is shared with the `rcon` shell; it lives in src/shared so both use the same one. */
export { containsSecret, isSensitiveCommand, maskCommand, maskSecret, MASK } from '../../shared/sensitive-commands';
