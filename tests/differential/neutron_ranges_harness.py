"""Neutron's own parsers of segmentation ranges, for neutron-ranges.test.ts.

Reads {"vni": [...], "vlan": [...]} on stdin: config entries as an operator writes them.
VNI entries go through ML2's _TunnelTypeDriverBase._parse_tunnel_ranges (as the VXLAN driver, which
checks each id with verify_tunnel_range); VLAN entries through neutron_lib's
parse_network_vlan_range. Prints each result, or the name of the exception raised.
"""
import json
import sys

from neutron.plugins.ml2.drivers import type_tunnel
from neutron_lib.plugins import utils as plugin_utils


class Vxlan:
    def get_type(self):
        return "vxlan"


def vni(entry):
    ranges = []
    try:
        type_tunnel._TunnelTypeDriverBase._parse_tunnel_ranges(Vxlan(), [entry], ranges)
    except Exception as e:  # noqa: BLE001 - the exception's class is the answer
        return {"error": type(e).__name__}
    return {"min": ranges[0][0], "max": ranges[0][1]}


def vlan(entry):
    try:
        network, rng = plugin_utils.parse_network_vlan_range(entry)
    except Exception as e:  # noqa: BLE001
        return {"error": type(e).__name__}
    return {"physnet": network, "range": None if rng is None else {"min": rng[0], "max": rng[1]}}


def main():
    data = json.load(sys.stdin)
    print(json.dumps({"vni": [vni(e) for e in data["vni"]], "vlan": [vlan(e) for e in data["vlan"]]}))


if __name__ == "__main__":
    main()
