"""Neutron's own subnet arithmetic, for neutron-cidr.test.ts.

Reads {"cases": [...]} on stdin, each {cidr, gateway, pools, ips, enableDhcp}. For each: neutron_lib's
validate_subnet and the network address create_subnet keeps; NeutronDbPluginV2._validate_subnet's
DHCP checks; generate_pools around the gateway; IpamBackendMixin._prepare_allocation_pools on the given pools; check_gateway_invalid_in_subnet; check_subnet_ip for
each address. Prints the answers (exceptions by class name).
"""
import json
import sys

import netaddr
from neutron.db import db_base_plugin_v2
from neutron.db import ipam_backend_mixin
from neutron.ipam import utils as ipam_utils
from neutron_lib.api import validators


def attempt(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # noqa: BLE001 - the exception's class is the answer
        return {"error": type(e).__name__}


def run(case):
    cidr = case["cidr"]
    msg = validators.validate_subnet(cidr)
    if msg:
        return {"valid": False}
    net = netaddr.IPNetwork(cidr)
    normalized = "%s/%s" % (net.network, net.prefixlen)
    plugin = object.__new__(db_base_plugin_v2.NeutronDbPluginV2)
    mixin = object.__new__(ipam_backend_mixin.IpamBackendMixin)
    dhcp = attempt(lambda: plugin._validate_subnet(None, {"ip_version": net.version, "cidr": normalized, "enable_dhcp": case["enableDhcp"]}))
    gateway = case["gateway"]
    pools = [{"first": str(netaddr.IPAddress(r.first, net.version)), "last": str(netaddr.IPAddress(r.last, net.version))} for r in ipam_utils.generate_pools(normalized, gateway)]
    def validate():
        # As create_subnet prepares pools given by the user: read them, then check them.
        mixin._prepare_allocation_pools([{"start": p["first"], "end": p["last"]} for p in case["pools"]], normalized, gateway)

    return {
        "valid": True,
        "normalized": normalized,
        "dhcp": "ok" if "ok" in dhcp else dhcp["error"],
        "pools": pools,
        "poolCheck": "ok" if "ok" in attempt(validate) else attempt(validate)["error"],
        "gatewayInvalid": bool(ipam_utils.check_gateway_invalid_in_subnet(normalized, gateway)) if gateway else None,
        "usable": [bool(ipam_utils.check_subnet_ip(normalized, ip)) for ip in case["ips"]],
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    print(json.dumps({"results": [run(c) for c in cases]}))


if __name__ == "__main__":
    main()
