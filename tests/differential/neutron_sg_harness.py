"""Neutron's own security group rule handling, for the differential test (neutron-sg.test.ts).

Reads {"cases": [...]} on stdin: each a rule as a user sends it. Runs it through the API's
converters in the attribute map's order (neutron/extensions/securitygroup.py), the direction's
allowed values, then SecurityGroupDbMixin._validate_security_group_rule (the group lookups
stubbed out: the test's groups exist) and _rule_to_key. Prints {"results": [...]}: the stored
rule and its key, or the name of the exception Neutron raised.
"""
import json
import sys

from neutron.db import securitygroups_db
from neutron.extensions import securitygroup as ext_sg


class Mixin(securitygroups_db.SecurityGroupDbMixin):
    def _check_security_group(self, *args, **kwargs):
        return None


def run(case):
    mixin = Mixin()
    rule = {
        "direction": case.get("direction"),
        "protocol": case.get("protocol"),
        "port_range_min": case.get("portRangeMin"),
        "port_range_max": case.get("portRangeMax"),
        "ethertype": case.get("ethertype") if case.get("ethertype") is not None else "IPv4",
        "remote_ip_prefix": case.get("remoteIpPrefix"),
        "remote_group_id": case.get("remoteGroupId"),
        "remote_address_group_id": None,
        "security_group_id": "sg",
        "tenant_id": "p",
        "project_id": "p",
    }
    try:
        rule["protocol"] = ext_sg.convert_protocol(rule["protocol"])
        rule["port_range_min"] = ext_sg.convert_validate_port_value(rule["port_range_min"])
        rule["port_range_max"] = ext_sg.convert_validate_port_value(rule["port_range_max"])
        rule["ethertype"] = ext_sg.convert_ethertype_to_case_insensitive(rule["ethertype"])
        rule["remote_ip_prefix"] = ext_sg.convert_ip_prefix_to_cidr(rule["remote_ip_prefix"])
        if rule["direction"] not in ("ingress", "egress"):
            return {"error": "InvalidDirection"}
        mixin._validate_security_group_rule(None, {"security_group_rule": rule})
    except Exception as e:  # noqa: BLE001 - the exception's class is the answer
        return {"error": type(e).__name__}
    return {
        "rule": {
            "direction": rule["direction"],
            "ethertype": rule["ethertype"],
            "protocol": rule["protocol"],
            "portRangeMin": rule["port_range_min"],
            "portRangeMax": rule["port_range_max"],
            "remoteIpPrefix": rule["remote_ip_prefix"],
            "remoteGroupId": rule["remote_group_id"],
        },
        "key": mixin._rule_to_key(rule),
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    print(json.dumps({"results": [run(c) for c in cases]}))


if __name__ == "__main__":
    main()
