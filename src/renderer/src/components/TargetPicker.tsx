import { useMemo } from 'react';
import type { FleetTarget } from '../../../shared/fleet';
import { useProfiles } from '../stores/context';

/** Chooses which servers a macro run or a schedule goes to: a group, or servers ticked one by one. */
export function TargetPicker({ value, onChange }: { value: FleetTarget; onChange: (target: FleetTarget) => void }) {
  const profiles = useProfiles((s) => s.profiles);
  const groups = useMemo(() => [...new Set(profiles.map((p) => p.group).filter((g) => g !== ''))], [profiles]);
  return (
    <fieldset className="target-picker">
      <legend>Target</legend>
      <label>
        <input
          type="radio"
          checked={value.kind === 'group'}
          disabled={groups.length === 0}
          onChange={() => onChange({ kind: 'group', group: groups[0] ?? '' })}
        />
        A group
      </label>
      {value.kind === 'group' && (
        <select
          aria-label="Group"
          value={value.group}
          onChange={(event) => onChange({ kind: 'group', group: event.target.value })}
        >
          {groups.map((group) => (
            <option key={group} value={group}>
              {group}
            </option>
          ))}
        </select>
      )}
      <label>
        <input
          type="radio"
          checked={value.kind === 'profiles'}
          onChange={() => onChange({ kind: 'profiles', profileIds: [] })}
        />
        Servers
      </label>
      {value.kind === 'profiles' && (
        <div className="target-servers">
          {profiles.map((profile) => (
            <label key={profile.id}>
              <input
                type="checkbox"
                checked={value.profileIds.includes(profile.id)}
                onChange={(event) =>
                  onChange({
                    kind: 'profiles',
                    profileIds: event.target.checked
                      ? [...value.profileIds, profile.id]
                      : value.profileIds.filter((id) => id !== profile.id),
                  })
                }
              />
              {profile.name}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** Whether a target names at least one server. */
export function targetIsEmpty(target: FleetTarget): boolean {
  return target.kind === 'group' ? target.group === '' : target.profileIds.length === 0;
}
