"""Build a VPC with the real openstacksdk, boot a server into it with a volume and a floating IP,
and take everything down again: what a script automating a cloud does, run by e2e/openstack-sdk.spec.ts
against the console (credentials from the OS_* environment, as clouds.yaml-less scripts take them).

    python3 sdk-vpc.py build <prefix>      prints what it built, as JSON
    python3 sdk-vpc.py teardown <json>     deletes it, in the order a script must
"""
import json
import sys

import openstack

conn = openstack.connect()
WAIT = 180


def build(prefix):
    net = conn.network.create_network(name=f"{prefix}-net")
    subnet = conn.network.create_subnet(network_id=net.id, name=f"{prefix}-subnet", ip_version=4, cidr="10.42.0.0/24")
    public = conn.network.find_network("ext-net-public", ignore_missing=False)
    router = conn.network.create_router(name=f"{prefix}-router", external_gateway_info={"network_id": public.id})
    conn.network.add_interface_to_router(router, subnet_id=subnet.id)
    group = conn.network.create_security_group(name=f"{prefix}-sg", description="ssh")
    conn.network.create_security_group_rule(security_group_id=group.id, direction="ingress", ethertype="IPv4", protocol="tcp", port_range_min=22, port_range_max=22, remote_ip_prefix="0.0.0.0/0")

    flavor = conn.compute.find_flavor("s6.small.1", ignore_missing=False)
    image = conn.image.find_image("img-centos-79", ignore_missing=False)
    server = conn.compute.create_server(name=f"{prefix}-server", flavor_id=flavor.id, image_id=image.id, availability_zone="az1", networks=[{"uuid": net.id}], security_groups=[{"name": group.name}])
    server = conn.compute.wait_for_server(server, status="ACTIVE", wait=WAIT)

    volume = conn.block_storage.create_volume(size=10, name=f"{prefix}-vol", availability_zone="az1")
    conn.block_storage.wait_for_status(volume, status="available", wait=WAIT)
    conn.compute.create_volume_attachment(server, volume_id=volume.id)
    conn.block_storage.wait_for_status(volume, status="in-use", wait=WAIT)

    port = next(conn.network.ports(device_id=server.id))
    fip = conn.network.create_ip(floating_network_id=public.id, port_id=port.id)
    server = conn.compute.get_server(server.id)
    print(json.dumps({
        "network": net.id, "subnet": subnet.id, "router": router.id, "group": group.id,
        "server": server.id, "status": server.status, "volume": volume.id, "port": port.id,
        "address": port.fixed_ips[0]["ip_address"], "floating_ip": fip.id, "floating_address": fip.floating_ip_address,
        "attached": [a["id"] for a in server.attached_volumes],
    }))


def teardown(ids):
    server = conn.compute.get_server(ids["server"])
    conn.network.delete_ip(ids["floating_ip"])
    # This openstacksdk takes the attachment (its id is the volume's before microversion 2.89) and then the server.
    conn.compute.delete_volume_attachment(ids["volume"], server, ignore_missing=False)
    volume = conn.block_storage.get_volume(ids["volume"])
    conn.block_storage.wait_for_status(volume, status="available", wait=WAIT)
    conn.block_storage.delete_volume(volume)
    conn.block_storage.wait_for_delete(volume, wait=WAIT)
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=WAIT)
    conn.network.remove_interface_from_router(ids["router"], subnet_id=ids["subnet"])
    conn.network.delete_router(ids["router"])
    conn.network.delete_security_group(ids["group"])
    conn.network.delete_subnet(ids["subnet"])
    conn.network.delete_network(ids["network"])
    print(json.dumps({"deleted": True}))


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2])
    else:
        teardown(json.loads(sys.argv[2]))
