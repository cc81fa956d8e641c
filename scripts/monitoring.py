#!/usr/bin/env python3
"""Writes k8s/monitoring/: the Prometheus rules (plain file and PrometheusRule), their promtool unit tests, and the
Grafana dashboards. The objectives and thresholds are the ones docs/operations.md states ("Service-level objectives",
"Alerts"); change them here and run `python3 scripts/monitoring.py`. The tests (k8s: MonitoringRulesTest, e2e:
MonitoringMetricsE2ETest) check the generated files, not this script."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "k8s" / "monitoring"
SERVICES = ["gateway", "proposal-service", "survey-service", "meeting-service", "synthesis-service"]
BACKENDS = SERVICES[1:]
RUNBOOKS = "docs/operations.md#"

API = 'service="gateway",uri=~"/api/.*"'
WRITES = API + ',method=~"POST|PUT|PATCH|DELETE"'
READS = API + ',method="GET"'
REQ = "http_server_requests_seconds"

# name, objective, what is bad, good/total expressions per window (as format strings on {w})
SLOS = [
    dict(key="write_availability", alert="WriteAvailability", target=0.995,
         bad=f'sum(rate({REQ}_count{{{WRITES},status=~"5.."}}[{{w}}]))', total=f"sum(rate({REQ}_count{{{WRITES}}}[{{w}}]))"),
    dict(key="read_availability", alert="ReadAvailability", target=0.999,
         bad=f'sum(rate({REQ}_count{{{READS},status=~"5.."}}[{{w}}]))', total=f"sum(rate({REQ}_count{{{READS}}}[{{w}}]))"),
    dict(key="write_latency", alert="WriteLatency", target=0.99, le="1",
         good=f'sum(rate({REQ}_bucket{{{WRITES},status!~"5..",le=~"1(\\\\.0)?"}}[{{w}}]))',
         total=f'sum(rate({REQ}_count{{{WRITES},status!~"5.."}}[{{w}}]))'),
    dict(key="read_latency", alert="ReadLatency", target=0.99, le="0.5",
         good=f'sum(rate({REQ}_bucket{{{READS},status!~"5..",le="0.5"}}[{{w}}]))',
         total=f'sum(rate({REQ}_count{{{READS},status!~"5.."}}[{{w}}]))'),
    dict(key="propagation", alert="Propagation", target=0.99, le="5",
         good='sum(rate(coprogram_synthesis_event_lag_seconds_bucket{le=~"5(\\\\.0)?"}[{w}]))',
         total="sum(rate(coprogram_synthesis_event_lag_seconds_count[{w}]))"),
]
WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]
# (long, short, factor, severity, for): Google SRE workbook, "Alerting on SLOs", multiwindow multi-burn-rate
FAST = [("1h", "5m", 14.4), ("6h", "30m", 6)]
SLOW = [("1d", "2h", 3), ("3d", "6h", 1)]


def ratio(slo, w):
    if "bad" in slo:
        return f"({slo['bad'].replace('{w}', w)}) / ({slo['total'].replace('{w}', w)})"
    return f"1 - ({slo['good'].replace('{w}', w)}) / ({slo['total'].replace('{w}', w)})"


def burn(slo, pairs):
    budget = round(1 - slo["target"], 6)
    rec = f"coprogram:slo_{slo['key']}_errors:ratio_rate"
    return " or ".join(f"({rec}{lw} > {f} * {budget} and {rec}{sw} > {f} * {budget})" for lw, sw, f in pairs)


def annotations(summary, description, anchor):
    return {"summary": summary, "description": description, "runbook_url": RUNBOOKS + anchor}


SLO_TEXT = {
    "write_availability": ("writes through the gateway fail (5xx)", "99.5 % of writes succeed"),
    "read_availability": ("reads through the gateway fail (5xx)", "99.9 % of reads succeed"),
    "write_latency": ("writes through the gateway are slower than 1 s", "99 % of writes within 1 s"),
    "read_latency": ("reads through the gateway are slower than 500 ms", "99 % of reads within 500 ms"),
    "propagation": ("events reach the synthesis later than 5 s", "99 % of events in the synthesis within 5 s"),
}


def rules():
    recording = []
    for slo in SLOS:
        for w in WINDOWS:
            recording.append({"record": f"coprogram:slo_{slo['key']}_errors:ratio_rate{w}", "expr": ratio(slo, w)})
    slo_alerts = []
    for slo in SLOS:
        what, objective = SLO_TEXT[slo["key"]]
        anchor = "runbook-" + slo["alert"].lower() + "budgetburn"
        slo_alerts.append({"alert": slo["alert"] + "FastBurn", "expr": burn(slo, FAST), "for": "2m",
                           "labels": {"severity": "page", "slo": slo["key"]},
                           "annotations": annotations(f"Error budget burning fast: {what}",
                                                      f"At this rate the 30-day budget ({objective}) is gone within"
                                                      " 2 to 5 days (1 h and 5 min windows above 14.4x, or 6 h and 30 min"
                                                      " above 6x).", anchor)})
        slo_alerts.append({"alert": slo["alert"] + "SlowBurn", "expr": burn(slo, SLOW), "for": "15m",
                           "labels": {"severity": "ticket", "slo": slo["key"]},
                           "annotations": annotations(f"Error budget burning: {what}",
                                                      f"The 30-day budget ({objective}) will be gone before the"
                                                      " month ends (1 d and 2 h windows above 3x, or 3 d and 6 h"
                                                      " above 1x).", anchor)})
    ops = [
        {"alert": "OutboxEventsStuck",
         "expr": "max by (service) (coprogram_outbox_oldest_unpublished_age_seconds) > 60", "for": "2m",
         "labels": {"severity": "page"},
         "annotations": annotations("{{ $labels.service }}: an accepted event has waited over 60 s for Kafka",
                                    "The oldest unpublished outbox event of {{ $labels.service }} is older than the"
                                    " outbox-age objective (30 s) twice over: the relay cannot reach the broker, or"
                                    " it is not running.", "runbook-outboxeventsstuck")},
        {"alert": "OutboxRelayFailing",
         "expr": "sum by (service) (rate(coprogram_outbox_relay_failures_total[5m])) > 0", "for": "5m",
         "labels": {"severity": "warning"},
         "annotations": annotations("{{ $labels.service }}: outbox relay rounds are failing",
                                    "Relay rounds of {{ $labels.service }} have failed for 5 minutes (broker or"
                                    " database unreachable); events wait in the outbox.",
                                    "runbook-outboxrelayfailing")},
        {"alert": "KafkaConsumerLagHigh",
         "expr": "max by (service, client_id) (kafka_consumer_fetch_manager_records_lag_max) > 1000", "for": "10m",
         "labels": {"severity": "warning"},
         "annotations": annotations("{{ $labels.service }}: consumer {{ $labels.client_id }} is over 1000 records"
                                    " behind", "The consumer has been more than 1000 records behind the end of a"
                                    " partition for 10 minutes: it cannot keep up, or it is stuck on a record.",
                                    "runbook-kafkaconsumerlaghigh")},
        {"alert": "KafkaConsumerStalled",
         "expr": "max by (service, client_id) (kafka_consumer_last_poll_seconds_ago) > 120", "for": "2m",
         "labels": {"severity": "page"},
         "annotations": annotations("{{ $labels.service }}: consumer {{ $labels.client_id }} has not polled for"
                                    " 2 minutes", "A consumer that does not poll is stuck (a handler that never"
                                    " completes) and will be thrown out of its group.",
                                    "runbook-kafkaconsumerstalled")},
        {"alert": "ParkedEventsWaiting",
         "expr": "max by (service, consumer) (coprogram_inbox_parked_pending) > 0", "for": "15m",
         "labels": {"severity": "ticket"},
         "annotations": annotations("{{ $labels.service }}: parked events wait for a replay",
                                    "Consumer {{ $labels.consumer }} parked events its handler refused; their"
                                    " effects are missing until they are replayed or discarded.",
                                    "runbook-parkedeventswaiting")},
        {"alert": "ServerErrorRateHigh",
         "expr": f'sum by (service) (rate({REQ}_count{{status=~"5.."}}[5m])) / sum by (service) (rate({REQ}_count[5m]))'
                 f" > 0.05 and sum by (service) (rate({REQ}_count[5m])) > 0.05", "for": "5m",
         "labels": {"severity": "warning"},
         "annotations": annotations("{{ $labels.service }}: more than 5 % of requests answer 5xx",
                                    "More than 5 % of {{ $labels.service }}'s requests have failed with a server"
                                    " error for 5 minutes.", "runbook-servererrorratehigh")},
        {"alert": "ServiceInstanceDown",
         "expr": 'up{service=~"' + "|".join(SERVICES) + '"} == 0', "for": "5m",
         "labels": {"severity": "warning"},
         "annotations": annotations("{{ $labels.service }}: {{ $labels.pod }} cannot be scraped",
                                    "Prometheus has not reached {{ $labels.pod }}'s /q/metrics for 5 minutes.",
                                    "runbook-serviceinstancedown")},
        {"alert": "KafkaCertificateExpiring",
         "expr": "min by (cluster, resource_name) (strimzi_certificate_expiration_timestamp_ms) / 1000 - time()"
                 " < 14 * 86400", "for": "1h",
         "labels": {"severity": "ticket"},
         "annotations": annotations("Kafka certificate {{ $labels.resource_name }} expires within 14 days",
                                    "Strimzi renews its CAs 30 days before they expire; one that is still this"
                                    " close was not renewed.", "runbook-kafkacertificateexpiring")},
        {"alert": "TlsCertificateExpiring",
         "expr": 'min by (name) (certmanager_certificate_expiration_timestamp_seconds{name="coprogram-tls"})'
                 " - time() < 14 * 86400", "for": "1h",
         "labels": {"severity": "ticket"},
         "annotations": annotations("The portal's TLS certificate expires within 14 days",
                                    "cert-manager renews coprogram-tls 30 days before it expires; this one was not"
                                    " renewed.", "runbook-tlscertificateexpiring")},
    ]
    return {"groups": [
        {"name": "coprogram-slo-ratios", "interval": "1m", "rules": recording},
        {"name": "coprogram-slo-alerts", "rules": slo_alerts},
        {"name": "coprogram-operations", "rules": ops},
    ]}


# ---- promtool unit tests -------------------------------------------------------------------------------------------

def expected(alert, labels, rule):
    ann = dict(rule["annotations"])
    for k, v in labels.items():
        for a in ann:
            ann[a] = ann[a].replace("{{ $labels." + k + " }}", v)
    return {"exp_labels": {**rule["labels"], **labels}, "exp_annotations": ann}


def find(groups, name):
    return next(r for g in groups["groups"] for r in g["rules"] if r.get("alert") == name)


def slo_tests(r):
    tests = []
    # Steady cases: one hour of 1-minute samples, evaluated at the end (a steady ratio is the same over every window
    # that has data, so the 3-day one needs no more). The spike case: two hours.
    m = 60
    for slo in SLOS:
        key, alert = slo["key"], slo["alert"]
        budget = 1 - slo["target"]
        # Per 1000 requests (events) a minute: ten times the budget pages (the 6 h and 30 min windows are above 6x)
        # and opens a ticket; twice the budget only opens a ticket (above 1x over 3 d and 6 h, under 3x); half the
        # budget does neither.
        cases = {
            "ten times the budget bad": (10, ["FastBurn", "SlowBurn"]),
            "twice the budget bad for seven hours": (2, ["SlowBurn"]),
            "half the budget bad": (0.5, []),
        }
        for case, (times, fires) in cases.items():
            bad = round(1000 * budget * times, 3)
            good = round(1000 - bad, 3)
            series = series_for(key, good, bad, m)
            exp = []
            for f in fires:
                exp.append((alert + f, []))
            tests.append(case_of(r, f"{alert}: {case}", series, m, [alert + "FastBurn", alert + "SlowBurn"], exp))
        # A short spike: the 5-minute window is far above 14.4x, the 1-hour one is not (multi-window keeps it quiet).
        series = spike_series(key, 125)
        tests.append(case_of(r, f"{alert}: a five-minute spike pages nobody", series, 125, [alert + "FastBurn"], []))
    return tests


def series_for(key, good, bad, m):
    if key == "propagation":
        return [
            {"series": 'coprogram_synthesis_event_lag_seconds_bucket{service="synthesis-service",le="5.0"}',
             "values": f"0+{good}x{m}"},
            {"series": 'coprogram_synthesis_event_lag_seconds_count{service="synthesis-service"}',
             "values": f"0+{good + bad}x{m}"},
        ]
    method = "POST" if key.startswith("write") else "GET"
    ok = f'{REQ}_count{{service="gateway",uri="/api/plans",method="{method}",status="200"}}'
    if key.endswith("availability"):
        return [{"series": ok, "values": f"0+{good}x{m}"},
                {"series": f'{REQ}_count{{service="gateway",uri="/api/plans",method="{method}",status="500"}}',
                 "values": f"0+{bad}x{m}"}]
    le = "1.0" if method == "POST" else "0.5"
    return [{"series": ok, "values": f"0+{good + bad}x{m}"},
            {"series": f'{REQ}_bucket{{service="gateway",uri="/api/plans",method="{method}",status="200",le="{le}"}}',
             "values": f"0+{good}x{m}"}]


def spike_series(key, m):
    # 1000 a minute for two hours, 30 % of them bad in the last 5 minutes (6 % for reads, whose budget is 0.1 %): the
    # 5 and 30 minute windows are above their burn rates, the 1 and 6 hour ones under them, so nobody is paged.
    quiet = m - 5
    if key == "propagation":
        return [
            {"series": 'coprogram_synthesis_event_lag_seconds_bucket{service="synthesis-service",le="5.0"}',
             "values": f"0+1000x{quiet} {1000 * quiet}+700x5"},
            {"series": 'coprogram_synthesis_event_lag_seconds_count{service="synthesis-service"}',
             "values": f"0+1000x{m}"},
        ]
    method = "POST" if key.startswith("write") else "GET"
    ok = f'{REQ}_count{{service="gateway",uri="/api/plans",method="{method}",status="200"}}'
    bad_share = 300 if key != "read_availability" else 60
    if key.endswith("availability"):
        return [{"series": ok, "values": f"0+1000x{quiet} {1000 * quiet}+{1000 - bad_share}x5"},
                {"series": f'{REQ}_count{{service="gateway",uri="/api/plans",method="{method}",status="500"}}',
                 "values": f"0+0x{quiet} 0+{bad_share}x5"}]
    le = "1.0" if method == "POST" else "0.5"
    return [{"series": ok, "values": f"0+1000x{m}"},
            {"series": f'{REQ}_bucket{{service="gateway",uri="/api/plans",method="{method}",status="200",le="{le}"}}',
             "values": f"0+1000x{quiet} {1000 * quiet}+700x5"}]


def case_of(r, name, series, minutes, alerts, firing):
    rules_by_alert = {a: find(r, a) for a in alerts}
    alert_rule_test = []
    fired = {a for a, _ in firing}
    for a in alerts:
        exp = [expected(a, dict(lbl), rules_by_alert[a]) for x, lbl in firing if x == a]
        alert_rule_test.append({"eval_time": f"{minutes}m", "alertname": a, "exp_alerts": exp})
    return {"name": name, "interval": "1m", "input_series": series, "alert_rule_test": alert_rule_test}


def ops_tests(r):
    t = []

    def one(name, series, minutes, alert, labels_or_none, eval_time=None):
        exp = [] if labels_or_none is None else [expected(alert, labels_or_none, find(r, alert))]
        t.append({"name": name, "interval": "1m", "input_series": series,
                  "alert_rule_test": [{"eval_time": eval_time or f"{minutes}m", "alertname": alert,
                                       "exp_alerts": exp}]})

    age = "coprogram_outbox_oldest_unpublished_age_seconds"
    one("OutboxEventsStuck: an event waiting since 6 minutes", [
        {"series": f'{age}{{service="proposal-service",pod="proposal-service-1"}}', "values": "0 0 0+60x6"},
        {"series": f'{age}{{service="survey-service",pod="survey-service-1"}}', "values": "0x8"}],
        8, "OutboxEventsStuck", {"service": "proposal-service"})
    one("OutboxEventsStuck: events relayed within seconds stay quiet", [
        {"series": f'{age}{{service="proposal-service",pod="proposal-service-1"}}', "values": "0 0.2 0 1 0.5 0 0 2 0"}],
        8, "OutboxEventsStuck", None)
    one("OutboxEventsStuck: a 90 s blip shorter than the 2 minutes quiet", [
        {"series": f'{age}{{service="proposal-service",pod="proposal-service-1"}}', "values": "0 0 0 0 30 90 0 0 0"}],
        8, "OutboxEventsStuck", None)
    fail = "coprogram_outbox_relay_failures_total"
    one("OutboxRelayFailing: failing rounds for 10 minutes", [
        {"series": f'{fail}{{service="meeting-service",pod="meeting-service-1"}}', "values": "0+600x12"}],
        12, "OutboxRelayFailing", {"service": "meeting-service"})
    one("OutboxRelayFailing: one failed round long ago stays quiet", [
        {"series": f'{fail}{{service="meeting-service",pod="meeting-service-1"}}', "values": "0 1 1 1 1 1 1 1 1 1 1 1 1"}],
        12, "OutboxRelayFailing", None)
    lag = "kafka_consumer_fetch_manager_records_lag_max"
    one("KafkaConsumerLagHigh: 5000 records behind for 15 minutes", [
        {"series": f'{lag}{{service="synthesis-service",pod="s-1",client_id="kafka-consumer-synthesis-proposals",topic="coprogram.proposals",partition="3"}}',
         "values": "5000x15"}], 15, "KafkaConsumerLagHigh",
        {"service": "synthesis-service", "client_id": "kafka-consumer-synthesis-proposals"})
    one("KafkaConsumerLagHigh: a burst that is worked off in 5 minutes stays quiet", [
        {"series": f'{lag}{{service="synthesis-service",pod="s-1",client_id="kafka-consumer-synthesis-proposals",topic="coprogram.proposals",partition="3"}}',
         "values": "0 5000 4000 3000 2000 1000 0x9"}], 15, "KafkaConsumerLagHigh", None)
    poll = "kafka_consumer_last_poll_seconds_ago"
    one("KafkaConsumerStalled: no poll for 5 minutes", [
        {"series": f'{poll}{{service="survey-service",pod="v-1",client_id="kafka-consumer-plans"}}',
         "values": "0 0 0+60x5"}], 7, "KafkaConsumerStalled",
        {"service": "survey-service", "client_id": "kafka-consumer-plans"})
    one("KafkaConsumerStalled: a consumer polling all the time stays quiet", [
        {"series": f'{poll}{{service="survey-service",pod="v-1",client_id="kafka-consumer-plans"}}',
         "values": "0 1 0 2 0 1 0 0"}], 7, "KafkaConsumerStalled", None)
    parked = "coprogram_inbox_parked_pending"
    one("ParkedEventsWaiting: two events parked for 20 minutes", [
        {"series": f'{parked}{{service="synthesis-service",pod="s-1",consumer="synthesis-service"}}',
         "values": "0 2x20"}], 21, "ParkedEventsWaiting",
        {"service": "synthesis-service", "consumer": "synthesis-service"})
    one("ParkedEventsWaiting: an event replayed within 10 minutes stays quiet", [
        {"series": f'{parked}{{service="synthesis-service",pod="s-1",consumer="synthesis-service"}}',
         "values": "0 1x10 0x10"}], 21, "ParkedEventsWaiting", None)
    req = f"{REQ}_count"
    one("ServerErrorRateHigh: a fifth of survey-service's requests fail", [
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="200"}}',
         "values": "0+80x12"},
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="503"}}',
         "values": "0+20x12"}], 12, "ServerErrorRateHigh", {"service": "survey-service"})
    one("ServerErrorRateHigh: one 500 in a hundred stays quiet", [
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="200"}}',
         "values": "0+99x12"},
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="500"}}',
         "values": "0+1x12"}], 12, "ServerErrorRateHigh", None)
    one("ServerErrorRateHigh: two failures of three requests in a quiet night stay quiet", [
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="200"}}',
         "values": "0 1 1 1 1 1 1 1 1 1 1 1 1"},
        {"series": f'{req}{{service="survey-service",pod="v-1",uri="/api/surveys/{{id}}",method="GET",status="500"}}',
         "values": "0 0 0 0 0 0 0 0 0 0 1 2 2"}], 12, "ServerErrorRateHigh", None)
    one("ServiceInstanceDown: a pod unreachable for 10 minutes", [
        {"series": 'up{service="meeting-service",pod="meeting-service-1",job="coprogram/coprogram"}', "values": "1 0x10"},
        {"series": 'up{service="meeting-service",pod="meeting-service-2",job="coprogram/coprogram"}', "values": "1x10"}],
        10, "ServiceInstanceDown", {"service": "meeting-service", "pod": "meeting-service-1",
                                    "job": "coprogram/coprogram"})
    one("ServiceInstanceDown: a restart of 2 minutes stays quiet", [
        {"series": 'up{service="meeting-service",pod="meeting-service-1",job="coprogram/coprogram"}',
         "values": "1 1 0 0 1x7"}], 10, "ServiceInstanceDown", None)
    day_ms = 86400 * 1000
    one("KafkaCertificateExpiring: the cluster CA expires in 10 days", [
        {"series": 'strimzi_certificate_expiration_timestamp_ms{cluster="coprogram",resource_name="coprogram-cluster-ca-cert",type="ca"}',
         "values": f"{10 * day_ms}x120"}], 120, "KafkaCertificateExpiring",
        {"cluster": "coprogram", "resource_name": "coprogram-cluster-ca-cert"})
    one("KafkaCertificateExpiring: a CA valid for 300 more days stays quiet", [
        {"series": 'strimzi_certificate_expiration_timestamp_ms{cluster="coprogram",resource_name="coprogram-cluster-ca-cert",type="ca"}',
         "values": f"{300 * day_ms}x120"}], 120, "KafkaCertificateExpiring", None)
    one("TlsCertificateExpiring: the portal's certificate expires in 5 days", [
        {"series": 'certmanager_certificate_expiration_timestamp_seconds{name="coprogram-tls",namespace="coprogram"}',
         "values": f"{5 * 86400}x120"}], 120, "TlsCertificateExpiring", {"name": "coprogram-tls"})
    one("TlsCertificateExpiring: a certificate renewed for 90 days stays quiet", [
        {"series": 'certmanager_certificate_expiration_timestamp_seconds{name="coprogram-tls",namespace="coprogram"}',
         "values": f"{90 * 86400}x120"}], 120, "TlsCertificateExpiring", None)
    return t


# ---- dashboards ----------------------------------------------------------------------------------------------------

def panel(pid, title, exprs, x, y, unit="short", w=12, h=8, legend="{{service}}", description=""):
    return {"id": pid, "type": "timeseries", "title": title, "description": description,
            "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "gridPos": {"x": x, "y": y, "w": w, "h": h},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": lf}
                        for i, (e, lf) in enumerate(exprs if isinstance(exprs[0], tuple) else [(exprs[0], legend)])]}


def dashboard(uid, title, panels, variables):
    return {"uid": uid, "title": title, "tags": ["coprogram"], "timezone": "browser", "schemaVersion": 39,
            "version": 1, "refresh": "30s", "time": {"from": "now-6h", "to": "now"},
            "templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus",
                                     "label": "Prometheus"}] + variables},
            "panels": panels}


def platform_dashboard():
    p = []
    y = 0
    for i, slo in enumerate(SLOS):
        what, objective = SLO_TEXT[slo["key"]]
        rec = f"coprogram:slo_{slo['key']}_errors:ratio_rate"
        p.append(panel(len(p) + 1, f"SLO: {objective} (error ratio vs budget)",
                       [(f"{rec}5m", "5 min"), (f"{rec}1h", "1 h"), (f"{rec}1d", "1 d"),
                        (f"vector({round(1 - slo['target'], 6)})", "budget")],
                       (i % 2) * 12, y + (i // 2) * 8, unit="percentunit",
                       description=f"Share of bad events ({what}) over three windows; the budget line is 1 - objective."))
    y += 24
    p.append(panel(len(p) + 1, "Requests per second through the gateway",
                   [(f'sum by (method) (rate({REQ}_count{{{API}}}[$__rate_interval]))', "{{method}}")], 0, y, "reqps"))
    p.append(panel(len(p) + 1, "5xx share per service",
                   [(f'sum by (service) (rate({REQ}_count{{status=~"5.."}}[$__rate_interval])) / sum by (service) (rate({REQ}_count[$__rate_interval]))',
                     "{{service}}")], 12, y, "percentunit"))
    y += 8
    p.append(panel(len(p) + 1, "Outbox: oldest unpublished event",
                   [("max by (service) (coprogram_outbox_oldest_unpublished_age_seconds)", "{{service}}")], 0, y, "s"))
    p.append(panel(len(p) + 1, "Outbox: unpublished events",
                   [("max by (service) (coprogram_outbox_pending)", "{{service}}")], 12, y))
    y += 8
    p.append(panel(len(p) + 1, "Consumer lag (records, worst partition)",
                   [("max by (service, client_id) (kafka_consumer_fetch_manager_records_lag_max)",
                     "{{service}} {{client_id}}")], 0, y))
    p.append(panel(len(p) + 1, "Parked events waiting",
                   [("max by (service, consumer) (coprogram_inbox_parked_pending)", "{{service}}")], 12, y))
    y += 8
    p.append(panel(len(p) + 1, "Write to synthesis: event lag p50 / p99",
                   [('histogram_quantile(0.5, sum by (le) (rate(coprogram_synthesis_event_lag_seconds_bucket[$__rate_interval])))', "p50"),
                    ('histogram_quantile(0.99, sum by (le) (rate(coprogram_synthesis_event_lag_seconds_bucket[$__rate_interval])))', "p99")],
                   0, y, "s"))
    p.append(panel(len(p) + 1, "Instances up",
                   [('sum by (service) (up{service=~"' + "|".join(SERVICES) + '"})', "{{service}}")], 12, y))
    return dashboard("coprogram-platform", "Coprogram: platform and objectives", p, [])


def service_dashboard(svc):
    sel = f'service="{svc}",pod=~"$pod"'
    p = []
    y = 0
    p.append(panel(1, "Requests per second by route",
                   [(f'sum by (method, uri) (rate({REQ}_count{{{sel}}}[$__rate_interval]))', "{{method}} {{uri}}")],
                   0, y, "reqps"))
    p.append(panel(2, "Responses by status",
                   [(f'sum by (status) (rate({REQ}_count{{{sel}}}[$__rate_interval]))', "{{status}}")], 12, y, "reqps"))
    y += 8
    p.append(panel(3, "Latency p50 / p95 / p99 (all routes)",
                   [(f'histogram_quantile({q}, sum by (le) (rate({REQ}_bucket{{{sel}}}[$__rate_interval])))', f"p{int(q * 100)}")
                    for q in (0.5, 0.95, 0.99)], 0, y, "s"))
    p.append(panel(4, "Slowest routes (p99)",
                   [(f'topk(5, histogram_quantile(0.99, sum by (le, method, uri) (rate({REQ}_bucket{{{sel}}}[$__rate_interval]))))',
                     "{{method}} {{uri}}")], 12, y, "s"))
    y += 8
    p.append(panel(5, "Heap used", [(f'sum by (pod) (jvm_memory_used_bytes{{{sel},area="heap"}})', "{{pod}}")],
                   0, y, "bytes"))
    p.append(panel(6, "CPU", [(f"max by (pod) (process_cpu_usage{{{sel}}})", "{{pod}}")], 12, y, "percentunit"))
    y += 8
    # jvm_gc_overhead, not jvm_gc_pause_seconds: Micrometer registers the pause timer at the first collection, so a
    # fresh pod would not export it (MonitoringMetricsE2ETest found the gateway without it).
    p.append(panel(7, "Share of CPU time spent in GC", [(f"max by (pod) (jvm_gc_overhead{{{sel}}})", "{{pod}}")],
                   0, y, "percentunit"))
    if svc != "gateway":
        p.append(panel(8, "Database pool: waiting for a connection",
                       [(f"max by (pod) (sql_pool_queue_size{{{sel}}})", "{{pod}} queued"),
                        (f"max by (pod) (sql_pool_active{{{sel}}})", "{{pod}} active")], 12, y))
        y += 8
        p.append(panel(9, "Outbox: oldest unpublished event",
                       [(f'max(coprogram_outbox_oldest_unpublished_age_seconds{{{sel}}})', "age")], 0, y, "s"))
        p.append(panel(10, "Outbox: published and failed relay rounds per second",
                       [(f'sum(rate(coprogram_outbox_published_total{{{sel}}}[$__rate_interval]))', "published"),
                        (f'sum(rate(coprogram_outbox_relay_failures_total{{{sel}}}[$__rate_interval]))', "failed rounds"),
                        (f'max(coprogram_outbox_pending{{{sel}}})', "pending")], 12, y))
        y += 8
        p.append(panel(11, "Consumer lag (records)",
                       [(f"max by (client_id) (kafka_consumer_fetch_manager_records_lag_max{{{sel}}})", "{{client_id}}")],
                       0, y))
        p.append(panel(12, "Parked events waiting",
                       [(f"max by (consumer) (coprogram_inbox_parked_pending{{{sel}}})", "{{consumer}}")], 12, y))
        y += 8
        p.append(panel(13, "Seconds since the consumer's last poll",
                       [(f"max by (client_id) (kafka_consumer_last_poll_seconds_ago{{{sel}}})", "{{client_id}}")],
                       0, y, "s"))
    if svc == "synthesis-service":
        p.append(panel(14, "Event to read model: lag p50 / p95 / p99",
                       [(f'histogram_quantile({q}, sum by (le) (rate(coprogram_synthesis_event_lag_seconds_bucket{{{sel}}}[$__rate_interval])))',
                         f"p{int(q * 100)}") for q in (0.5, 0.95, 0.99)], 12, y, "s"))
    pod = {"name": "pod", "type": "query", "datasource": {"type": "prometheus", "uid": "${datasource}"},
           "query": f'label_values(process_uptime_seconds{{service="{svc}"}}, pod)', "includeAll": True,
           "multi": True, "current": {"text": "All", "value": "$__all"}, "refresh": 2}
    return dashboard(f"coprogram-{svc}", f"Coprogram: {svc}", p, [pod])


def yaml_dump(obj):
    import yaml  # PyYAML, Debian's python3-yaml
    return yaml.safe_dump(obj, sort_keys=False, width=120, allow_unicode=True)


def main():
    r = rules()
    head = ("# Generated by scripts/monitoring.py from the objectives in docs/operations.md; edit that script, not"
            " this file.\n")
    (OUT / "rules" / "coprogram.rules.yaml").write_text(head + yaml_dump(r))
    tests = {"rule_files": ["coprogram.rules.yaml"], "evaluation_interval": "1m",
             "tests": slo_tests(r) + ops_tests(r)}
    (OUT / "rules" / "coprogram.test.yaml").write_text(head + yaml_dump(tests))
    crd = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
           "metadata": {"name": "coprogram", "labels": {"app.kubernetes.io/part-of": "coprogram"}},
           "spec": r}
    (OUT / "prometheus-rule.yaml").write_text(head + yaml_dump(crd))
    (OUT / "dashboards" / "platform.json").write_text(json.dumps(platform_dashboard(), indent=2) + "\n")
    for svc in SERVICES:
        (OUT / "dashboards" / f"{svc}.json").write_text(json.dumps(service_dashboard(svc), indent=2) + "\n")


if __name__ == "__main__":
    main()
