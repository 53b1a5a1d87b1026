/*
 * The hazard map (安全隐患一张图). A plain browser script over Apache ECharts, served by the
 * gateway at /map/. It reads only the GraphQL API (/graphql) with the user's token, so what it
 * shows is exactly what that token may see: scoped to its communities, masked and audited.
 *
 * District -> subdistrict -> community -> grid: the children of the selected area are drawn as
 * schematic areas (Address.area, hulls of building points) coloured by open hazards per 1,000
 * residents (or by count); from community level down the buildings are points sized by their
 * open hazards. Click an area (on the map or in the table) to drill in, a building for its rooms
 * and open events.
 */
(function () {
  'use strict';

  const DISTRICT = '440304';
  const TOKEN_KEY = 'address-graph-map-token';
  const KINDS = [
    ['FIRE_HAZARD', '消防隐患 fire'],
    ['SAFETY_HAZARD', '安全隐患 safety'],
    ['ILLEGAL_CONSTRUCTION', '违建 illegal building'],
    ['DISPUTE', '纠纷 dispute'],
    ['PUBLIC_ORDER', '治安 public order'],
    ['ENVIRONMENT', '环境 environment'],
    ['SANITATION', '卫生 sanitation'],
    ['TRAFFIC', '交通 traffic'],
    ['OTHER', '其他 other'],
  ];
  const HAZARDS = ['FIRE_HAZARD', 'SAFETY_HAZARD'];
  const SEVERITIES = [['LOW', '低 low'], ['MEDIUM', '中 medium'], ['HIGH', '高 high'], ['CRITICAL', '紧急 critical']];
  const OPEN = ['REPORTED', 'ASSIGNED'];
  const LEVEL_NAMES = { DISTRICT: '区', SUBDISTRICT: '街道', COMMUNITY: '社区', GRID: '网格', BUILDING: '楼栋', ROOM: '房屋' };

  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem(TOKEN_KEY) || '', code: null, viewer: null, area: null, buildings: [], generation: 0 };
  const chart = echarts.init($('chart'));
  const trendChart = echarts.init($('trend'));
  // tests and the curious: the chart and the state (no data beyond what the page shows)
  window.hazardMap = { chart, state };

  function escapeHtml(text) {
    return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function setStatus(text) {
    $('status').textContent = text || '';
  }

  /** One GraphQL operation with the user's token; resolves { data, errors } (partial data kept). */
  async function gql(query, variables) {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (state.token) headers.authorization = `Bearer ${state.token}`;
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new Error(`the gateway answered ${response.status} without JSON`);
    }
    return { data: body.data ?? null, errors: body.errors ?? [] };
  }

  function selectedKinds() {
    return [...document.querySelectorAll('#kinds input:checked')].map((i) => i.value);
  }

  function filterVariables() {
    const days = $('period').value;
    const since = days ? new Date(Date.now() - Number(days) * 86400000).toISOString() : null;
    const kinds = selectedKinds();
    const severities = [...document.querySelectorAll('#severities input:checked')].map((i) => i.value);
    // every severity ticked is no filter at all
    return { kinds: kinds.length ? kinds : null, severities: severities.length === SEVERITIES.length ? null : severities, since };
  }

  const AREA_FIELDS = `code name level
    area { ring { longitude latitude } center { longitude latitude } buildingCount }
    residentCount
    open: events(status: [REPORTED, ASSIGNED], kind: $kinds, severity: $severities, since: $since, first: 0) { totalCount }
    openAlerts: alerts(status: [OPEN, ACKNOWLEDGED], first: 0) { totalCount }`;

  const AREA_QUERY = `query HazardMapArea($code: AddressCode!, $kinds: [EventKind!], $severities: [EventSeverity!], $since: DateTime) {
    address(code: $code) {
      ${AREA_FIELDS}
      fullName
      ancestors { code name level }
      children(first: 100) { edges { node { ${AREA_FIELDS} } } }
    }
  }`;

  const BUILDINGS_QUERY = `query HazardMapBuildings($code: AddressCode!, $kinds: [EventKind!], $severities: [EventSeverity!], $since: DateTime) {
    addressesUnder(code: $code, levels: [BUILDING], first: 2000) {
      edges { node {
        code name
        building { designation type location { longitude latitude } }
        open: events(status: [REPORTED, ASSIGNED], kind: $kinds, severity: $severities, since: $since, first: 0) { totalCount }
      } }
    }
  }`;

  const BUILDING_QUERY = `query HazardMapBuilding($code: AddressCode!, $kinds: [EventKind!], $severities: [EventSeverity!], $since: DateTime) {
    address(code: $code) {
      code fullName
      building { designation type floorsAboveGround yearBuilt }
      residentCount
      children(first: 50) { totalCount edges { node { code name room { use areaSquareMeters } } } }
      events(status: [REPORTED, ASSIGNED], kind: $kinds, severity: $severities, since: $since, first: 20) {
        totalCount
        edges { node { id kind severity status reportedAt description } }
      }
      alerts(status: [OPEN, ACKNOWLEDGED], first: 10) {
        totalCount
        edges { node { id severity status raisedAt rule { id descriptionZh descriptionEn } } }
      }
    }
  }`;

  const TREND_QUERY = `query HazardMapTrend($code: AddressCode!, $kinds: [EventKind!], $from: Date!, $to: Date!, $bucket: TrendBucket!) {
    address(code: $code) { eventTrend(kind: $kinds, from: $from, to: $to, bucket: $bucket) { bucket total points { start count } } }
  }`;

  /** The calendar day in China Standard Time, `days` before today, as YYYY-MM-DD (the summaries' days). */
  function chinaDay(daysBefore) {
    return new Date(Date.now() + 8 * 3600000 - daysBefore * 86400000).toISOString().slice(0, 10);
  }

  /** Events reported per week (or month) in the selected area, from the graph's summaries. */
  async function loadTrend(code, generation) {
    const days = Number($('period').value || 365);
    const bucket = days <= 90 ? 'WEEK' : 'MONTH';
    const { kinds } = filterVariables();
    const from = chinaDay(days);
    const to = chinaDay(0);
    const { data, errors } = await gql(TREND_QUERY, { code, kinds, from, to, bucket });
    if (generation !== state.generation) return;
    const trend = data?.address?.eventTrend;
    if (!trend) {
      trendChart.clear();
      $('trend-note').textContent = describeErrors(errors) || 'No trend for this area.';
      return;
    }
    // the days asked for travel with the answer: the first bucket starts before `from`
    state.trend = { ...trend, from, to };
    trendChart.setOption(
      {
        grid: { left: 36, right: 8, top: 16, bottom: 28 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: trend.points.map((p) => p.start.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'line', name: 'reported', data: trend.points.map((p) => p.count), areaStyle: { opacity: 0.15 }, smooth: true }],
      },
      { notMerge: true },
    );
    $('trend-note').textContent = `Reported per ${bucket === 'WEEK' ? 'week' : 'month'} (every status and severity, the kinds ticked): ${trend.total} since ${from}.`;
    $('trend').dataset.total = String(trend.total);
  }

  /** A short line naming what the token could not read (the rest of the page still shows). */
  function describeErrors(errors) {
    if (!errors.length) return '';
    const codes = [...new Set(errors.map((e) => e.extensions?.code || 'ERROR'))];
    const fields = [...new Set(errors.map((e) => (e.path || []).filter((p) => typeof p === 'string').at(-1)).filter(Boolean))];
    return `Some figures are not shown for this token (${codes.join(', ')}${fields.length ? `: ${fields.join(', ')}` : ''}).`;
  }

  function openOf(node) {
    return node?.open ? node.open.totalCount : null;
  }

  function rateOf(node) {
    const open = openOf(node);
    if (open === null || !node.residentCount) return null;
    return (open * 1000) / node.residentCount;
  }

  function alertsOf(node) {
    return node?.openAlerts ? node.openAlerts.totalCount : null;
  }

  function metricOf(node) {
    const colour = $('colour').value;
    return colour === 'rate' ? rateOf(node) : colour === 'alerts' ? alertsOf(node) : openOf(node);
  }

  function formatRate(rate) {
    return rate === null ? '—' : rate.toFixed(rate < 10 ? 2 : 1);
  }

  // ---------------------------------------------------------------------------------------------

  async function load(code) {
    const generation = ++state.generation;
    state.code = code;
    history.replaceState(null, '', `#${code}`);
    setStatus('Loading…');
    document.body.dataset.state = 'loading';
    const variables = { code, ...filterVariables() };
    const [areaResult, buildingsResult] = await Promise.all([
      gql(AREA_QUERY, variables),
      code.length >= 12 ? gql(BUILDINGS_QUERY, variables) : Promise.resolve({ data: null, errors: [] }),
    ]);
    if (generation !== state.generation) return; // a newer selection won
    const area = areaResult.data?.address;
    if (!area) {
      setStatus(areaResult.errors[0]?.message || `No area ${code}`);
      document.body.dataset.state = 'error';
      return;
    }
    state.area = area;
    state.buildings = (buildingsResult.data?.addressesUnder?.edges || []).map((e) => e.node).filter((b) => b.building?.location);
    setStatus(describeErrors([...areaResult.errors, ...buildingsResult.errors]));
    renderCrumbs(area);
    renderSummary(area);
    renderTable(area);
    renderMap(area);
    $('building').innerHTML = '';
    await loadTrend(code, generation);
    if (generation !== state.generation) return;
    document.body.dataset.state = 'ready';
    document.body.dataset.code = code;
  }

  function renderCrumbs(area) {
    const confined = state.viewer?.communities?.length ? state.viewer.communities : null;
    const trail = [...area.ancestors, { code: area.code, name: area.name, level: area.level }];
    $('crumbs').innerHTML = trail
      .map((a, i) => {
        const current = i === trail.length - 1;
        // a token confined to communities cannot read above them: no links up there
        const reachable = !confined || confined.some((c) => a.code.startsWith(c));
        return current || !reachable
          ? `<button type="button" disabled ${current ? 'aria-current="page"' : ''}>${escapeHtml(a.name)}</button>`
          : `<button type="button" data-code="${escapeHtml(a.code)}">${escapeHtml(a.name)}</button>`;
      })
      .join(' › ');
  }

  function renderSummary(area) {
    const open = openOf(area);
    $('summary').innerHTML = `<h2>${escapeHtml(area.name)} <small>${escapeHtml(LEVEL_NAMES[area.level] || area.level)} · ${escapeHtml(area.code)}</small></h2>
      <p>Open 未办结: <strong id="summary-open">${open ?? '—'}</strong> · residents 人口: <strong>${area.residentCount ?? '—'}</strong>
      · per 1,000: <strong>${formatRate(rateOf(area))}</strong> · open alerts 预警: <strong id="summary-alerts">${alertsOf(area) ?? '—'}</strong>${area.area ? ` · located buildings: ${area.area.buildingCount}` : ''}</p>`;
  }

  function children(area) {
    return (area.children?.edges || []).map((e) => e.node).filter((c) => c.level !== 'ROOM' && c.level !== 'BUILDING');
  }

  function renderTable(area) {
    const kids = children(area);
    const rows = kids.length ? kids : state.buildings;
    $('areas-title').textContent = kids.length ? `Areas in ${area.name}` : `Buildings in ${area.name}`;
    $('areas').querySelector('tbody').innerHTML = rows
      .map((c) => `<tr data-code="${escapeHtml(c.code)}"><td><button type="button" data-${kids.length ? 'code' : 'building'}="${escapeHtml(c.code)}">${escapeHtml(c.name)}</button></td>
        <td class="n open">${openOf(c) ?? '—'}</td><td class="n">${c.residentCount ?? '—'}</td><td class="n">${kids.length ? formatRate(rateOf(c)) : '—'}</td><td class="n alerts">${kids.length ? alertsOf(c) ?? '—' : '—'}</td></tr>`)
      .join('');
  }

  /** GeoJSON of the child areas (or of the area itself when it has no child areas), for ECharts. */
  function geoJsonOf(area) {
    const kids = children(area).filter((c) => c.area && c.area.ring.length >= 3);
    const shapes = kids.length ? kids : area.area && area.area.ring.length >= 3 ? [area] : [];
    return {
      type: 'FeatureCollection',
      features: shapes.map((c) => ({
        type: 'Feature',
        properties: { name: c.code },
        geometry: { type: 'Polygon', coordinates: [[...c.area.ring, c.area.ring[0]].map((p) => [p.longitude, p.latitude])] },
      })),
    };
  }

  function renderMap(area) {
    const mapName = `area-${area.code}`;
    const geo = geoJsonOf(area);
    echarts.registerMap(mapName, geo);
    const kids = children(area);
    const byCode = new Map(kids.map((c) => [c.code, c]));
    const values = kids.map(metricOf).filter((v) => v !== null);
    const max = Math.max(1, ...values);
    const buildingMax = Math.max(1, ...state.buildings.map((b) => openOf(b) ?? 0));
    chart.setOption(
      {
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            if (p.seriesType === 'scatter') return `${escapeHtml(p.data.fullName)}<br>open: ${p.data.open ?? '—'}`;
            const c = byCode.get(p.name);
            return c ? `${escapeHtml(c.name)}<br>open: ${openOf(c) ?? '—'} · residents: ${c.residentCount ?? '—'} · per 1,000: ${formatRate(rateOf(c))} · alerts: ${alertsOf(c) ?? '—'}` : escapeHtml(area.name);
          },
        },
        visualMap: kids.length
          ? { min: 0, max, calculable: true, left: 8, bottom: 8, text: [{ rate: 'per 1,000', count: 'open', alerts: 'alerts' }[$('colour').value], ''], inRange: { color: ['#e8f5e9', '#ffe082', '#ef6c00', '#b71c1c'] }, seriesIndex: 0 }
          : undefined,
        geo: {
          map: mapName,
          roam: true,
          aspectScale: Math.cos((22.54 * Math.PI) / 180),
          label: { show: true, formatter: (p) => byCode.get(p.name)?.name ?? '', fontSize: 11 },
          itemStyle: { areaColor: '#eceff1', borderColor: '#78909c' },
          emphasis: { itemStyle: { areaColor: '#bbdefb' }, label: { show: true } },
        },
        series: [
          {
            type: 'map',
            geoIndex: 0,
            data: kids.map((c) => ({ name: c.code, value: metricOf(c) ?? 0 })),
          },
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            data: state.buildings.map((b) => ({
              name: b.code,
              value: [b.building.location.longitude, b.building.location.latitude, openOf(b) ?? 0],
              open: openOf(b),
              fullName: b.name,
            })),
            symbolSize: (v) => 6 + 18 * Math.sqrt((v[2] || 0) / buildingMax),
            itemStyle: { color: (p) => (p.value[2] > 0 ? '#d32f2f' : '#546e7a'), borderColor: '#fff', borderWidth: 1, opacity: 0.9 },
            zlevel: 1,
          },
        ],
      },
      { notMerge: true },
    );
  }

  async function showBuilding(code) {
    const { data, errors } = await gql(BUILDING_QUERY, { code, ...filterVariables() });
    const b = data?.address;
    if (!b) {
      $('building').innerHTML = `<p>${escapeHtml(errors[0]?.message || 'Building not found')}</p>`;
      return;
    }
    const events = (b.events?.edges || []).map((e) => e.node);
    const rooms = (b.children?.edges || []).map((e) => e.node);
    $('building').innerHTML = `<h2>${escapeHtml(b.fullName)}</h2>
      <p>${escapeHtml(b.building?.designation || '')} ${escapeHtml(b.building?.type || '')} · ${b.children?.totalCount ?? '—'} rooms · residents ${b.residentCount ?? '—'}</p>
      <h3>Open events 未办结事件 (<span id="building-open">${b.events ? b.events.totalCount : '—'}</span>)</h3>
      <ul id="building-events">${events
        .map((e) => `<li data-event="${escapeHtml(e.id)}"><span class="sev-${escapeHtml(e.severity)}">${escapeHtml(e.severity)}</span> ${escapeHtml(e.kind)} · ${escapeHtml(e.status)} · ${escapeHtml((e.reportedAt || '').slice(0, 10))}<br>${escapeHtml(e.description || '')}</li>`)
        .join('')}</ul>
      <h3>Open alerts 预警 (<span id="building-alerts">${b.alerts ? b.alerts.totalCount : '—'}</span>)</h3>
      <ul id="building-alert-list">${(b.alerts?.edges || []).map((e) => e.node)
        .map((a) => `<li data-alert="${escapeHtml(a.id)}"><span class="sev-${escapeHtml(a.severity)}">${escapeHtml(a.severity)}</span> ${escapeHtml(a.rule.descriptionZh)} · ${escapeHtml(a.status)} · ${escapeHtml((a.raisedAt || '').slice(0, 10))}</li>`)
        .join('')}</ul>
      <details><summary>Rooms 房屋</summary><ul>${rooms.map((r) => `<li>${escapeHtml(r.name)} ${escapeHtml(r.room?.use || '')}${r.room?.areaSquareMeters ? ` ${r.room.areaSquareMeters} m²` : ''}</li>`).join('')}</ul></details>
      ${describeErrors(errors) ? `<p class="note">${escapeHtml(describeErrors(errors))}</p>` : ''}`;
    document.body.dataset.building = code;
  }

  // ---------------------------------------------------------------------------------------------

  chart.on('click', (p) => {
    if (p.seriesType === 'scatter') showBuilding(p.data.name);
    else if ((p.componentType === 'geo' || p.seriesType === 'map') && p.name && p.name !== state.code) load(p.name);
  });

  document.addEventListener('click', (event) => {
    const target = event.target.closest('button[data-code], button[data-building]');
    if (!target) return;
    if (target.dataset.code) load(target.dataset.code);
    else showBuilding(target.dataset.building);
  });

  /** One labelled checkbox per [value, label] in the fieldset `id`, ticked where `checked(value)`. */
  function checkboxes(id, options, checked) {
    for (const [value, label] of options) {
      const input = Object.assign(document.createElement('input'), { type: 'checkbox', value, checked: checked(value) });
      const wrapper = document.createElement('label');
      wrapper.append(input, ` ${label}`);
      $(id).append(wrapper);
    }
  }
  checkboxes('kinds', KINDS, (value) => HAZARDS.includes(value));
  checkboxes('severities', SEVERITIES, () => true);
  for (const id of ['kinds', 'severities', 'period', 'colour']) $(id).addEventListener('change', () => state.code && load(state.code));
  window.addEventListener('resize', () => {
    chart.resize();
    trendChart.resize();
  });

  async function signIn() {
    const { data, errors } = await gql('query HazardMapViewer { viewer { subject roles communities } }', {});
    if (!data?.viewer || errors.length) {
      setStatus(errors[0]?.message || 'Sign-in failed');
      document.body.dataset.state = 'signed-out';
      return;
    }
    state.viewer = data.viewer;
    const confined = data.viewer.communities?.length ? data.viewer.communities : null;
    const asked = location.hash.slice(1);
    const allowed = (code) => !confined || confined.some((c) => code.startsWith(c));
    // a token confined to communities opens on its (first) community; anyone else on the district
    await load(/^\d{6,14}$/.test(asked) && allowed(asked) ? asked : confined ? confined[0] : DISTRICT);
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    signIn();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '';
    location.reload();
  });
  $('demo-token').addEventListener('change', (event) => {
    if (!event.target.value) return;
    $('token').value = event.target.value;
    $('token-form').requestSubmit();
  });

  // development: the gateway offers demo tokens (never in production, where this is a 404)
  fetch('dev-tokens.json')
    .then((r) => (r.ok ? r.json() : null))
    .then((tokens) => {
      if (!tokens) return;
      for (const [role, token] of Object.entries(tokens)) $('demo-token').append(new Option(role, token));
      $('demo-token').hidden = false;
    })
    .catch(() => {});

  $('token').value = state.token;
  if (state.token) signIn();
})();
