package io.captivewatch.desktop.tray;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OfferedActionTest {
    @Test
    void anOfferRunsOnceFromTheButtonOrTheIconNeverBoth() {
        OfferedAction offered = new OfferedAction();
        AtomicInteger runs = new AtomicInteger();
        Runnable button = offered.offer(runs::incrementAndGet);
        button.run();
        assertThat(offered.take()).as("the icon has nothing left to run").isEmpty();
        button.run();
        assertThat(runs).hasValue(1);

        Runnable second = offered.offer(runs::incrementAndGet);
        offered.take().orElseThrow().run();
        second.run();
        assertThat(runs).as("the icon ran it; the button finds it done").hasValue(2);
    }

    @Test
    void aNewerOfferReplacesTheOlderOneForTheIconAndClearWithdrawsIt() {
        OfferedAction offered = new OfferedAction();
        AtomicInteger which = new AtomicInteger();
        Runnable first = offered.offer(() -> which.set(1));
        offered.offer(() -> which.set(2));
        offered.take().orElseThrow().run();
        assertThat(which).hasValue(2);
        first.run(); // the older notification's button still does what it said
        assertThat(which).hasValue(1);

        offered.offer(() -> which.set(3));
        offered.clear();
        assertThat(offered.take()).isEmpty();
    }
}
