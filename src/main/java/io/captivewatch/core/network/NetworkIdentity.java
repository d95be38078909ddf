package io.captivewatch.core.network;

/**
 * Which network we are on, as well as the OS tells: the Wi-Fi SSID when known, else a key made of
 * interface name and default gateway. {@code key} is what per-network settings are stored under.
 *
 * @param key         stable key for per-network memory ("ssid:HotelGuest" or "if:eth0/gw:10.0.0.1")
 * @param displayName for people ("HotelGuest", or "eth0")
 * @param ssid        the Wi-Fi name if known, else null
 */
public record NetworkIdentity(String key, String displayName, String ssid) {}
