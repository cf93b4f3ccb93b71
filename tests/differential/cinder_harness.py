"""Answers volume scheduling cases with Cinder's own (Zed) classes, for the differential test.

Reads {"cases": [...]} as JSON on stdin and writes {"results": [...]} on stdout. What runs is
Cinder's: a BackendState per pool updated from the capability report its volume driver would
send (update_from_volume_capability: the backend's info appended to the pool, protocol variants,
the max_over_subscription_ratio computed against the cloud's setting), the default filters
(AvailabilityZoneFilter, CapacityFilter, CapabilitiesFilter) through BackendFilterHandler, the
CapacityWeigher through OrderedHostWeightHandler, and FilterScheduler's choice of the top backend
with consume_from_volume, once per volume. The host manager leaves out a disabled or down volume
service before filtering; the case says which are.
"""

import json
import logging
import sys

from oslo_config import cfg

from cinder import objects

objects.register_all()

from cinder.scheduler import filters as cinder_filters  # noqa: E402
from cinder.scheduler import host_manager  # noqa: E402
from cinder.scheduler import weights as cinder_weights  # noqa: E402
from cinder.scheduler.filters import availability_zone_filter  # noqa: E402
from cinder.scheduler.filters import capabilities_filter  # noqa: E402
from cinder.scheduler.filters import capacity_filter  # noqa: E402
from cinder.scheduler.weights import capacity as capacity_weigher  # noqa: E402

logging.disable(logging.CRITICAL)
CONF = cfg.CONF
CONF([], project="cinder", default_config_files=[])

FILTERS = [
    availability_zone_filter.AvailabilityZoneFilter,
    capacity_filter.CapacityFilter,
    capabilities_filter.CapabilitiesFilter,
]
filter_handler = cinder_filters.BackendFilterHandler("cinder.scheduler.filters")
weight_handler = cinder_weights.OrderedHostWeightHandler("cinder.scheduler.weights")


def pool_state(p):
    r = p["report"]
    pool_cap = dict(r.get("capabilities") or {})
    pool_cap.update({
        "pool_name": r["name"],
        "total_capacity_gb": r["totalGb"],
        "free_capacity_gb": r["freeGb"],
        "allocated_capacity_gb": r["allocatedGb"],
        "reserved_percentage": r["reservedPercentage"],
        "thin_provisioning_support": r["thinSupport"],
        "thick_provisioning_support": r["thickSupport"],
    })
    if r.get("provisionedGb") is not None:
        pool_cap["provisioned_capacity_gb"] = r["provisionedGb"]
    if r.get("ratio") is not None:
        pool_cap["max_over_subscription_ratio"] = r["ratio"]
    capability = {
        "volume_backend_name": r["backendName"],
        "vendor_name": r["vendorName"],
        "driver_version": r["driverVersion"],
        "storage_protocol": r["protocol"],
        "timestamp": None,
        "pools": [pool_cap],
    }
    backend = host_manager.BackendState(p["host"] + "@" + r["backendName"], None)
    backend.update_from_volume_capability(capability, service={"availability_zone": p["az"], "host": p["host"]})
    return backend.pools[r["name"]]


def answer(case):
    CONF.set_override("max_over_subscription_ratio", str(case["cloudRatio"]))
    CONF.set_override("capacity_weight_multiplier", case["settings"]["capacityWeightMultiplier"])
    by_state = {}
    pools = []
    for p in case["pools"]:
        # The host manager's view: only pools of enabled services that are up.
        if not (p["enabled"] and p["up"]):
            continue
        state = pool_state(p)
        by_state[id(state)] = p["id"]
        pools.append(state)
    req = case["request"]
    volume_type = {"extra_specs": req["extraSpecs"]} if req["extraSpecs"] else {}
    passing = None
    weights = None
    placements = []
    unique = []
    failed = False
    for _ in range(case["count"]):
        props = {
            "request_spec": {
                "availability_zones": req["azs"],
                "resource_properties": {"size": req["sizeGb"]},
                "volume_properties": {"size": req["sizeGb"]},
            },
            "size": req["sizeGb"],
            "volume_type": volume_type,
            "resource_type": volume_type,
        }
        survivors = filter_handler.get_filtered_objects(FILTERS, pools, props) or []
        if passing is None:
            passing = sorted(by_state[id(s)] for s in survivors)
        if not survivors:
            failed = True
            break
        weighed = weight_handler.get_weighed_objects([capacity_weigher.CapacityWeigher], survivors, props)
        if weights is None:
            weights = {by_state[id(w.obj)]: w.weight for w in weighed}
        top = weighed[0]
        unique.append(len(weighed) == 1 or weighed[1].weight != top.weight)
        placements.append(by_state[id(top.obj)])
        top.obj.consume_from_volume({"size": req["sizeGb"]})
    return {"passing": passing or [], "weights": weights or {}, "placements": placements, "unique": unique, "failed": failed}


def main():
    cases = json.load(sys.stdin)["cases"]
    results = []
    for c in cases:
        try:
            results.append(answer(c))
        except Exception as e:  # a case Cinder itself cannot answer is reported, never guessed
            results.append({"passing": None, "weights": {}, "placements": [], "unique": [], "failed": False, "error": repr(e)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
