"""Remembered devices: the Device record kept on its user, the pool's DeviceConfiguration, device
SRP (the user math with group := DeviceGroupKey, identity := DeviceKey) and the DeviceType view."""
