"""Answers scheduling cases with Nova's own (Zed) classes, for the differential test.

Reads {"cases": [...]} as JSON on stdin and writes {"results": [...]} on stdout. Each case is a
cloud (hosts, host groups, settings) and a request. What runs is Nova's: ComputeNode and
HostState (the host manager's view, updated from a compute node record), the filters through
HostManager.get_filtered_hosts, the RAM/CPU/disk weighers through HostManager.get_weighed_hosts,
and FilterScheduler's loop for several instances (_consume_selected_host). Placement is a
separate service in Nova; it is emulated here as Placement answers allocation candidates and
claims: the non-zero amounts of VCPU, MEMORY_MB and DISK_GB against (total - reserved) x ratio
and max_unit, required and forbidden traits, the COMPUTE_STATUS_DISABLED trait of a disabled
service, and the aggregates isolate_aggregates forbids. A service's liveness (service_is_up)
is given by the case, as the heartbeat judgement is the console's own.
"""

import json
import logging
import math
import sys
import uuid as uuidlib

import nova.conf
from nova import objects

objects.register_all()

from nova.scheduler import filters as nova_filters  # noqa: E402
from nova.scheduler import host_manager  # noqa: E402
from nova.scheduler import manager as scheduler_manager  # noqa: E402
from nova.scheduler import weights as nova_weights  # noqa: E402
from nova.scheduler.filters import affinity_filter  # noqa: E402
from nova.scheduler.filters import aggregate_instance_extra_specs  # noqa: E402
from nova.scheduler.filters import aggregate_multitenancy_isolation  # noqa: E402
from nova.scheduler.filters import availability_zone_filter  # noqa: E402
from nova.scheduler.filters import compute_capabilities_filter  # noqa: E402
from nova.scheduler.filters import compute_filter  # noqa: E402
from nova.scheduler.filters import image_props_filter  # noqa: E402
from nova.scheduler.weights import cpu as cpu_weigher  # noqa: E402
from nova.scheduler.weights import disk as disk_weigher  # noqa: E402
from nova.scheduler.weights import ram as ram_weigher  # noqa: E402

logging.disable(logging.CRITICAL)
CONF = nova.conf.CONF
CONF([], project="nova", default_config_files=[])


def supported_instances(arch, virt_type):
    # The libvirt driver: a KVM host runs kvm and qemu (TCG) guests of its architecture.
    if virt_type == "kvm":
        return [[arch, "kvm", "hvm"], [arch, "qemu", "hvm"]]
    return [[arch, "qemu", "hvm"]]


def host_state_of(h, groups_by_name, members_on):
    """A HostState updated from the compute node the resource tracker would have written."""
    memory_used = h["reservedMemoryMb"] + h["memoryMbUsed"]
    local_gb_used = h["reservedDiskGb"] + h["diskGbUsed"]
    cpu_info = dict(h["cpuInfo"])
    cn = objects.ComputeNode(
        uuid=str(uuidlib.uuid5(uuidlib.NAMESPACE_DNS, h["name"])),
        host=h["name"],
        hypervisor_hostname=h["name"],
        host_ip="10.0.0.1",
        memory_mb=h["memoryMb"],
        memory_mb_used=memory_used,
        free_ram_mb=h["memoryMb"] - memory_used,
        local_gb=h["diskGb"],
        local_gb_used=local_gb_used,
        free_disk_gb=h["diskGb"] - local_gb_used,
        disk_available_least=None,
        vcpus=h["vcpus"],
        vcpus_used=h["reservedVcpus"] + h["vcpusUsed"],
        hypervisor_type="QEMU",
        hypervisor_version=h["hypervisorVersion"],
        cpu_info=json.dumps(cpu_info),
        supported_hv_specs=[objects.HVSpec.from_list(t) for t in supported_instances(cpu_info["arch"], h["virtType"])],
        stats={"num_instances": str(h["instanceCount"]), "io_workload": "0"},
        metrics="[]",
        numa_topology=None,
        pci_device_pools=None,
        cpu_allocation_ratio=h["cpuRatio"],
        ram_allocation_ratio=h["ramRatio"],
        disk_allocation_ratio=h["diskRatio"],
        updated_at=None,
    )
    hs = host_manager.HostState(h["name"], h["name"], None)
    aggregates = []
    # An AZ is an aggregate with availability_zone metadata in Nova.
    if h["az"] is not None:
        aggregates.append(objects.Aggregate(id=100000, name="az-" + h["az"], hosts=[h["name"]], metadata={"availability_zone": h["az"]}))
    for i, g in enumerate(h["groups"]):
        aggregates.append(objects.Aggregate(id=i + 1, name=g, hosts=[h["name"]], metadata=dict(groups_by_name[g])))
    service = {"disabled": not h["enabled"], "disabled_reason": None, "up": h["up"]}
    hs.update(compute=cn, service=service, aggregates=aggregates, inst_dict={u: objects.Instance(uuid=u) for u in members_on})
    return hs


def amounts(req):
    """resources_from_request_spec: the non-zero amounts only (DISK_GB = root + ephemeral + ceil(swap))."""
    disk = req["ephemeralGb"] + int(math.ceil(req["swapMb"] / 1024.0)) + req["rootGb"]
    out = {"VCPU": req["vcpus"], "MEMORY_MB": req["memoryMb"], "DISK_GB": disk}
    return {k: v for k, v in out.items() if v}


def inventory(h):
    return {
        "VCPU": (h["vcpus"], h["reservedVcpus"], h["cpuRatio"]),
        "MEMORY_MB": (h["memoryMb"], h["reservedMemoryMb"], h["ramRatio"]),
        "DISK_GB": (h["diskGb"], h["reservedDiskGb"], h["diskRatio"]),
    }


def has_room(h, usage, want):
    inv = inventory(h)
    for rc, amount in want.items():
        total, reserved, ratio = inv[rc]
        if amount > total:  # max_unit
            return False
        if usage[rc] + amount > (total - reserved) * ratio:
            return False
    return True


def required_traits(req):
    required, forbidden = set(req["image"].get("traits_required") or []), set()
    for k, v in req["extraSpecs"].items():
        if k.startswith("trait:"):
            if v == "required":
                required.add(k[len("trait:"):])
            elif v == "forbidden":
                forbidden.add(k[len("trait:"):])
    return required, forbidden


def placement_candidates(case, want):
    req = case["request"]
    required, forbidden = required_traits(req)
    forbidden = forbidden | {"COMPUTE_STATUS_DISABLED"}
    groups = {g["name"]: g["metadata"] for g in case["groups"]}
    isolated = set()
    if case["settings"]["isolatedAggregateFiltering"]:
        for name, md in groups.items():
            for k, v in md.items():
                if k.startswith("trait:") and v == "required" and k[len("trait:"):] not in required:
                    isolated.add(name)
    out = []
    for h in case["hosts"]:
        traits = set(h["traits"]) | (set() if h["enabled"] else {"COMPUTE_STATUS_DISABLED"})
        usage = {"VCPU": h["vcpusUsed"], "MEMORY_MB": h["memoryMbUsed"], "DISK_GB": h["diskGbUsed"]}
        if req.get("forceHost") and h["name"].lower() != req["forceHost"].lower():
            continue  # in_tree: the forced host's provider only
        if not required <= traits or traits & forbidden:
            continue
        if any(g in isolated for g in h["groups"]):
            continue
        if has_room(h, usage, want):
            out.append(h["name"])
    return out


def request_spec(case, uuids, sg_members):
    req = case["request"]
    img = {k: v for k, v in req["image"].items() if v not in (None, [], "")}
    flavor = objects.Flavor(
        name="f", flavorid="f", vcpus=req["vcpus"], memory_mb=req["memoryMb"], root_gb=req["rootGb"],
        ephemeral_gb=req["ephemeralGb"], swap=req["swapMb"], extra_specs=dict(req["extraSpecs"]),
    )
    spec = objects.RequestSpec(
        flavor=flavor,
        image=objects.ImageMeta.from_dict({"properties": img}),
        availability_zone=req["az"],
        project_id=req["projectId"],
        num_instances=len(uuids),
        ignore_hosts=req.get("ignoreHosts") or None,
        force_hosts=[req["forceHost"]] if req.get("forceHost") else None,
        force_nodes=None,
        requested_destination=None,
        instance_uuid=uuids[0],
        scheduler_hints={},
    )
    sg = req.get("serverGroup")
    spec.instance_group = None
    if sg:
        spec.instance_group = objects.InstanceGroup(
            uuid=str(uuidlib.uuid4()), policy=sg["policy"], policies=[sg["policy"]], rules={},
            members=list(sg_members) + list(uuids), hosts=list(sg["hosts"]),
        )
    return spec


def make_host_manager():
    hm = object.__new__(host_manager.HostManager)
    hm.filter_handler = nova_filters.HostFilterHandler()
    hm.enabled_filters = [
        availability_zone_filter.AvailabilityZoneFilter(),
        compute_filter.ComputeFilter(),
        aggregate_multitenancy_isolation.AggregateMultiTenancyIsolation(),
        compute_capabilities_filter.ComputeCapabilitiesFilter(),
        image_props_filter.ImagePropertiesFilter(),
        affinity_filter.ServerGroupAntiAffinityFilter(),
        affinity_filter.ServerGroupAffinityFilter(),
        aggregate_instance_extra_specs.AggregateInstanceExtraSpecsFilter(),
    ]
    # Liveness comes with the case (the console's heartbeat judgement).
    hm.enabled_filters[1].servicegroup_api.service_is_up = lambda service: service["up"]
    hm.weight_handler = nova_weights.HostWeightHandler()
    hm.weighers = [ram_weigher.RAMWeigher(), cpu_weigher.CPUWeigher(), disk_weigher.DiskWeigher()]
    return hm


def run_case(case, hm):
    run_case_settings(case)
    req = case["request"]
    count = req["count"]
    uuids = [str(uuidlib.uuid4()) for _ in range(count)]
    groups_by_name = {g["name"]: g["metadata"] for g in case["groups"]}
    sg = req.get("serverGroup")
    # One existing member per host the group already has.
    existing = {name: str(uuidlib.uuid4()) for name in (sg["hosts"] if sg else [])}
    states = {h["name"]: host_state_of(h, groups_by_name, [existing[h["name"]]] if h["name"] in existing else []) for h in case["hosts"]}
    data = {h["name"]: h for h in case["hosts"]}
    want = amounts(req)
    spec = request_spec(case, uuids, existing.values())
    hosts = [states[n] for n in placement_candidates(case, want)]
    usage = {n: {"VCPU": h["vcpusUsed"], "MEMORY_MB": h["memoryMbUsed"], "DISK_GB": h["diskGbUsed"]} for n, h in data.items()}
    result = {"passing": None, "placements": [], "unique": [], "failed": False}
    for num in range(count):
        spec.instance_uuid = uuids[num]
        # FilterScheduler._get_sorted_hosts with host_subset_size 1 and no shuffling.
        filtered = list(hm.get_filtered_hosts(hosts, spec, num))
        if num == 0:
            result["passing"] = sorted(h.host for h in filtered)
        if not filtered:
            result["failed"] = True
            break
        weighed = hm.get_weighed_hosts(filtered, spec)
        hosts = [w.obj for w in weighed]
        claimed = None
        for i, h in enumerate(hosts):
            if has_room(data[h.host], usage[h.host], want):
                claimed = h
                # Unique when nothing claimable before it and nothing after it weighs the same.
                result["unique"].append(all(w.weight != weighed[i].weight for j, w in enumerate(weighed) if j != i))
                break
        if claimed is None:
            result["failed"] = True
            break
        for rc, amount in want.items():
            usage[claimed.host][rc] += amount
        scheduler_manager.SchedulerManager._consume_selected_host(claimed, spec, instance_uuid=uuids[num])
        result["placements"].append(claimed.host)
    return result


def bench(data):
    """Times Nova's filters and weighers on one cloud for many requests (the side-by-side benchmark)."""
    import time
    hm = make_host_manager()
    base = dict(data["cloud"])
    groups_by_name = {g["name"]: g["metadata"] for g in base["groups"]}
    states = [host_state_of(h, groups_by_name, []) for h in base["hosts"]]
    total = 0.0
    for req in data["requests"]:
        case = dict(base, request=req)
        run_case_settings(case)
        spec = request_spec(case, [str(uuidlib.uuid4())], [])
        names = set(placement_candidates(case, amounts(req)))
        start = time.perf_counter()
        # Placement's answer is taken as given (a separate service): the filters and weighers are timed.
        hosts = [s for s in states if s.host in names]
        filtered = list(hm.get_filtered_hosts(hosts, spec, 0))
        if filtered:
            hm.get_weighed_hosts(filtered, spec)
        total += time.perf_counter() - start
    return {"seconds": total, "requests": len(data["requests"])}


def run_case_settings(case):
    s = case["settings"]
    CONF.set_override("ram_weight_multiplier", s["ramWeightMultiplier"], group="filter_scheduler")
    CONF.set_override("cpu_weight_multiplier", s["cpuWeightMultiplier"], group="filter_scheduler")
    CONF.set_override("disk_weight_multiplier", s["diskWeightMultiplier"], group="filter_scheduler")


def main():
    if "--bench" in sys.argv:
        json.dump(bench(json.load(sys.stdin)), sys.stdout)
        return
    cases = json.load(sys.stdin)["cases"]
    hm = make_host_manager()
    out = []
    for case in cases:
        try:
            out.append(run_case(case, hm))
        except Exception as e:  # a case Nova cannot answer is reported, not hidden
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"results": out}, sys.stdout)


if __name__ == "__main__":
    main()
