package io.captivewatch.desktop.dbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBusTest {
    @Test
    void theSessionBusIsFoundByAddressOrByTheRuntimeSocket(@TempDir Path dir) throws Exception {
        assertThat(SessionBus.address(Map.of())).isEmpty();
        assertThat(SessionBus.address(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"))).hasValue("unix:path=/run/user/1000/bus");
        assertThat(SessionBus.address(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isEmpty();
        Files.createFile(dir.resolve("bus"));
        assertThat(SessionBus.address(Map.of("XDG_RUNTIME_DIR", dir.toString()))).hasValue("unix:path=" + dir.resolve("bus"));
    }
}
