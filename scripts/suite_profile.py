#!/usr/bin/env python3
"""Where the test suite's time and CPU go: runs a command (by default ./coprogram test), samples every process's CPU
every few seconds from /proc, and prints, per phase of the run, its wall time, the machine's CPU use and the CPU of each
kind of process (Maven, the test JVMs, each service, Keycloak, Kafka, Chromium...).

    scripts/suite_profile.py [--interval 5] [--out DIR] [-- COMMAND...]

The phases are found in the command's output by the lines ./coprogram prints. The log (each line with its second since
the start) and the raw samples (second, kind, CPU seconds in the interval) stay in DIR (default target/suite-profile).
A process that starts and ends between two samples is counted only in the machine's total ("unattributed").
"""
import argparse
import collections
import os
import subprocess
import sys
import threading
import time

HZ = os.sysconf('SC_CLK_TCK')
SERVICES = ('proposal-service', 'survey-service', 'meeting-service', 'synthesis-service', 'notification-service',
            'gateway')
# (phase name, a line of ./coprogram's output that starts it)
PHASES = [('infrastructure', None),
          ('mvn install (fast and service tiers)', 'running unit and service tests'),
          ('test platform start', 'starting the services and the gateway'),
          ('system tests (Java)', 'running end-to-end tests'),
          ('browser specs', '> playwright test'),
          ('teardown', 'passed (')]


def kind(cmd):
    if '/keycloak' in cmd:
        return 'keycloak'
    if 'kafka.Kafka' in cmd or 'kafka/libs' in cmd:
        return 'kafka'
    if cmd.startswith('postgres') or cmd.split(' ')[0].endswith('/postgres'):
        return 'postgres'
    for name in ('zipkin', 'greenmail', 'surefire', 'failsafe', 'chrom', 'playwright', 'prometheus', 'promtool'):
        if name in cmd:
            return {'surefire': 'test JVM (surefire)', 'failsafe': 'test JVM (failsafe)', 'chrom': 'chromium',
                    'playwright': 'playwright (node)', 'promtool': 'prometheus'}.get(name, name)
    if 'plexus-classworlds' in cmd:
        return 'maven'
    for service in SERVICES:
        if f'{service}/target/quarkus-app' in cmd or ('quarkus-run.jar' in cmd and service in cmd):
            return service
    if cmd.startswith('node') or '/node ' in cmd or 'npm' in cmd:
        return 'node'
    return 'other'


def machine_busy():
    with open('/proc/stat') as f:
        values = list(map(int, f.readline().split()[1:]))
    return (sum(values) - values[3] - values[4]) / HZ


def sample(interval, start, samples, done):
    previous, last = {}, machine_busy()
    while not done.wait(interval):
        current, by_kind = {}, collections.Counter()
        for pid in filter(str.isdigit, os.listdir('/proc')):
            try:
                with open(f'/proc/{pid}/stat') as f:
                    stat = f.read()
                with open(f'/proc/{pid}/cmdline', 'rb') as f:
                    cmd = f.read().replace(b'\0', b' ').decode(errors='replace')
            except OSError:
                continue
            fields = stat[stat.rindex(')') + 2:].split()
            key = (pid, fields[19])  # pid and start time: a reused pid is another process
            current[key] = (int(fields[11]) + int(fields[12])) / HZ
            if previous and current[key] > previous.get(key, 0.0):
                by_kind[kind(cmd)] += current[key] - previous.get(key, 0.0)
        busy = machine_busy()
        by_kind['unattributed'] = (busy - last) - sum(by_kind.values())
        by_kind['ALL'] = busy - last
        samples.append((time.time() - start, by_kind))
        previous, last = current, busy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--interval', type=float, default=5)
    parser.add_argument('--out', default='target/suite-profile')
    parser.add_argument('command', nargs='*', default=['./coprogram', 'test'])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    start, samples, done = time.time(), [], threading.Event()
    sampler = threading.Thread(target=sample, args=(args.interval, start, samples, done), daemon=True)
    sampler.start()
    starts = {PHASES[0][0]: 0.0}
    with open(os.path.join(args.out, 'log.txt'), 'w') as log:
        process = subprocess.Popen(args.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   errors='replace')
        for line in process.stdout:
            second = time.time() - start
            log.write(f'{second:7.1f} {line}')
            for name, marker in PHASES[1:]:
                if marker and marker in line and name not in starts:
                    starts[name] = second
        status = process.wait()
    end = time.time() - start
    done.set()
    sampler.join()
    with open(os.path.join(args.out, 'samples.csv'), 'w') as out:
        for second, by_kind in samples:
            for name, cpu in sorted(by_kind.items()):
                out.write(f'{second:.0f},{name},{cpu:.2f}\n')
    bounds = sorted(starts.items(), key=lambda item: item[1]) + [('end', end)]
    print(f'exit status {status}, {end:.0f} s; {os.cpu_count()} cores give {os.cpu_count()} CPU seconds a second')
    for (name, begin), (_, finish) in zip(bounds, bounds[1:]):
        totals = collections.Counter()
        for second, by_kind in samples:
            if begin < second <= finish:
                totals.update(by_kind)
        wall = finish - begin
        cpu = totals.pop('ALL', 0.0)
        print(f'{name}: {wall:.0f} s, {cpu:.0f} CPU s ({cpu / max(wall, 1) / os.cpu_count() * 100:.0f} % of the machine)')
        print('    ' + ', '.join(f'{k} {v:.0f}' for k, v in totals.most_common() if v >= 1))
    sys.exit(status)


if __name__ == '__main__':
    main()
