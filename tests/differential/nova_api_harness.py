"""Nova's own API status mapping, for nova-api.test.ts.

Reads [[vm_state, task_state or null], ...] on stdin and prints, for each pair, what
nova.api.openstack.common.status_from_state answers (the `status` of GET /servers).
"""
import json
import sys

from nova.api.openstack import common

pairs = json.load(sys.stdin)
print(json.dumps([common.status_from_state(vm, task if task is not None else "default") for vm, task in pairs]))
