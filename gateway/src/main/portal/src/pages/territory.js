import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

const cache = new Map();

/** Provinces, districts and municipalities of a region, fetched once per page load. */
export function useTerritory(region) {
  const [territory, setTerritory] = useState(cache.get(region) ?? null);
  useEffect(() => {
    if (!region || cache.has(region)) return;
    const pending = api(`/api/territories/${region}`);
    cache.set(region, null);
    pending.then(
      (t) => {
        cache.set(region, t);
        setTerritory(t);
      },
      () => cache.delete(region),
    );
  }, [region]);
  return territory;
}

export function municipalityName(territory, code) {
  return territory?.municipalities.find((m) => m.istatCode === code)?.name ?? code;
}

export function MunicipalityOptions({ territory }) {
  return (territory?.municipalities ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'it'))
    .map((m) => ({ value: m.istatCode, label: `${m.name} (${m.province})` }));
}
