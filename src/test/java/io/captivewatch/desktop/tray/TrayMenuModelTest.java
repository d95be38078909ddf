package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.desktop.icons.StatusIcon;
import io.captivewatch.desktop.tray.TrayMenuModel.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrayMenuModelTest {

    static TrayStatus status(Verdict v, boolean link, boolean checking, boolean paused) {
        return new TrayStatus(Optional.ofNullable(v), "HotelGuest", v == null ? null : Instant.parse("2026-11-23T10:15:30Z"),
                checking, paused, paused ? Instant.parse("2026-11-23T11:15:30Z") : null, link);
    }

    static boolean enabled(TrayStatus s, Item i) {
        return TrayMenuModel.entry(s, i).enabled();
    }

    @Test
    void menuOrderIsFixedAndAllItemsPresent() {
        assertThat(TrayMenuModel.entries(TrayStatus.initial())).extracting(TrayMenuModel.Entry::item)
                .containsExactly(Item.CHECK_NOW, Item.SIGN_IN, Item.ADVICE, Item.DETAILS, Item.ABOUT_NETWORK, Item.NEVER_ASK_HERE,
                        Item.ALWAYS_OPEN_HERE, Item.PAUSE, Item.SETTINGS, Item.QUIT);
        assertThat(TrayMenuModel.entries(TrayStatus.initial())).extracting(TrayMenuModel.Entry::label)
                .containsExactly("Check now", "Sign in…", "What can I do?…", "Details…", "About this network", "Don't ask again on this network",
                        "Always open the login window on this network", "Pause checks for 1 hour", "Settings…", "Quit");
    }

    @Test
    void perNetworkChoicesNeedAKnownNetworkAndShowWhatIsChosen() {
        assertThat(enabled(TrayStatus.initial(), Item.NEVER_ASK_HERE)).as("no network yet").isFalse();
        TrayStatus known = status(Verdict.CAPTIVE, true, false, false);
        assertThat(enabled(known, Item.NEVER_ASK_HERE)).isTrue();
        assertThat(enabled(known, Item.ALWAYS_OPEN_HERE)).isTrue();
        TrayStatus never = new TrayStatus(known.verdict(), known.networkName(), known.lastCheck(), false, false,
                null, true, null, java.util.OptionalLong.empty(), new io.captivewatch.core.settings.NetworkPrefs(true, false));
        assertThat(TrayMenuModel.entry(never, Item.NEVER_ASK_HERE).label()).isEqualTo("Ask again on this network");
        assertThat(TrayMenuModel.entry(never, Item.ALWAYS_OPEN_HERE).label()).isEqualTo("Always open the login window on this network");
        TrayStatus always = new TrayStatus(known.verdict(), known.networkName(), known.lastCheck(), false, false,
                null, true, null, java.util.OptionalLong.empty(), new io.captivewatch.core.settings.NetworkPrefs(false, true));
        assertThat(TrayMenuModel.entry(always, Item.ALWAYS_OPEN_HERE).label()).isEqualTo("Stop always opening the login window here");
    }

    @Test
    void beforeAnyCheckOnlyGeneralItemsAreEnabled() {
        TrayStatus s = TrayStatus.initial();
        assertThat(enabled(s, Item.CHECK_NOW)).isTrue();
        assertThat(enabled(s, Item.SIGN_IN)).isFalse();
        assertThat(enabled(s, Item.ADVICE)).isFalse();
        assertThat(enabled(s, Item.DETAILS)).isFalse();
        assertThat(enabled(s, Item.PAUSE)).isTrue();
        assertThat(enabled(s, Item.SETTINGS)).isTrue();
        assertThat(enabled(s, Item.QUIT)).isTrue();
    }

    @Test
    void captiveWithLinkOffersSignInNotAdvice() {
        TrayStatus s = status(Verdict.CAPTIVE, true, false, false);
        assertThat(enabled(s, Item.SIGN_IN)).isTrue();
        assertThat(enabled(s, Item.ADVICE)).isFalse();
        assertThat(enabled(s, Item.DETAILS)).isTrue();
    }

    @Test
    void captiveWithoutLinkOffersBothSignInAndAdvice() {
        TrayStatus s = status(Verdict.CAPTIVE, false, false, false);
        assertThat(enabled(s, Item.SIGN_IN)).isTrue();
        assertThat(enabled(s, Item.ADVICE)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"AUTH_REQUIRED", "PROXY_AUTH_REQUIRED", "LIMITED", "OFFLINE"})
    void nonPortalProblemsOfferAdviceNotSignIn(Verdict v) {
        TrayStatus s = status(v, false, false, false);
        assertThat(enabled(s, Item.SIGN_IN)).isFalse();
        assertThat(enabled(s, Item.ADVICE)).isTrue();
        assertThat(enabled(s, Item.DETAILS)).isTrue();
    }

    @Test
    void onlineOffersNeitherSignInNorAdvice() {
        TrayStatus s = status(Verdict.ONLINE, false, false, false);
        assertThat(enabled(s, Item.SIGN_IN)).isFalse();
        assertThat(enabled(s, Item.ADVICE)).isFalse();
        assertThat(enabled(s, Item.DETAILS)).isTrue();
    }

    @Test
    void checkNowIsDisabledWhileAChecksRuns() {
        assertThat(enabled(status(Verdict.ONLINE, false, true, false), Item.CHECK_NOW)).isFalse();
        assertThat(enabled(status(Verdict.ONLINE, false, false, false), Item.CHECK_NOW)).isTrue();
    }

    @Test
    void pauseItemTogglesToResume() {
        assertThat(TrayMenuModel.entry(status(Verdict.ONLINE, false, false, false), Item.PAUSE).label()).isEqualTo("Pause checks for 1 hour");
        TrayStatus paused = status(Verdict.ONLINE, false, false, true);
        assertThat(TrayMenuModel.entry(paused, Item.PAUSE).label()).isEqualTo("Resume checks");
        assertThat(enabled(paused, Item.PAUSE)).isTrue();
        assertThat(enabled(paused, Item.CHECK_NOW)).as("a manual check is allowed while paused").isTrue();
    }

    @Test
    void idsAreCamelCase() {
        assertThat(Item.CHECK_NOW.id()).isEqualTo("checkNow");
        assertThat(Item.QUIT.id()).isEqualTo("quit");
    }

    @Test
    void tooltipSaysStateNetworkAndLastCheck() {
        assertThat(status(Verdict.CAPTIVE, true, false, false).tooltip(ZoneOffset.UTC))
                .isEqualTo("CaptiveWatch: Sign-in required (captive portal) · Network: HotelGuest · Last check: 10:15:30");
        assertThat(status(Verdict.ONLINE, false, false, true).tooltip(ZoneOffset.UTC))
                .startsWith("CaptiveWatch: Checks paused until 11:15:30 · ");
        assertThat(TrayStatus.initial().tooltip(ZoneOffset.UTC))
                .isEqualTo("CaptiveWatch: Checking… · Network: unknown · Last check: not yet");
        assertThat(status(Verdict.ONLINE, false, true, false).headline(ZoneOffset.UTC)).isEqualTo("Online (checking again…)");
        TrayStatus longName = new TrayStatus(Optional.of(Verdict.ONLINE), "x".repeat(300), null, false, false, null, false);
        assertThat(longName.tooltip(ZoneOffset.UTC)).hasSize(127).endsWith("…");
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void eachVerdictHasAStateTitledByIt(Verdict v) {
        StatusIcon s = StatusIcon.of(v);
        assertThat(s.verdict()).contains(v);
        assertThat(s.title()).isEqualTo(v.title());
        assertThat(status(v, false, false, false).state()).isEqualTo(s);
        assertThat(status(v, false, false, false).headline(ZoneOffset.UTC)).isEqualTo(v.title());
        assertThat(status(v, false, true, false).headline(ZoneOffset.UTC)).isEqualTo(v.title() + " (checking again…)");
    }

    @Test
    void credentialsForAServerAndForAProxyAreToldApartButShareTheIcon() {
        StatusIcon server = StatusIcon.of(Verdict.AUTH_REQUIRED), proxy = StatusIcon.of(Verdict.PROXY_AUTH_REQUIRED);
        assertThat(server).isNotEqualTo(proxy);
        assertThat(server.title()).contains("401").isNotEqualTo(proxy.title());
        assertThat(proxy.title()).contains("407");
        assertThat(status(Verdict.PROXY_AUTH_REQUIRED, false, false, false).tooltip(ZoneOffset.UTC))
                .startsWith("CaptiveWatch: Proxy asks for credentials (HTTP 407) · ");
        assertThat(server.fileName()).isEqualTo(proxy.fileName()).isEqualTo("auth");
    }

    @Test
    void theTraysOwnStatesKeepTheirTitles() {
        assertThat(StatusIcon.CHECKING.title()).isEqualTo("Checking…");
        assertThat(StatusIcon.PAUSED.title()).isEqualTo("Checks paused");
        assertThat(StatusIcon.CHECKING.verdict()).isEmpty();
        assertThat(StatusIcon.PAUSED.verdict()).isEmpty();
    }

    @Test
    void stateFollowsPauseThenVerdict() {
        assertThat(TrayStatus.initial().state()).isEqualTo(StatusIcon.CHECKING);
        assertThat(status(null, false, true, false).state()).isEqualTo(StatusIcon.CHECKING);
        assertThat(status(Verdict.CAPTIVE, true, true, false).state()).as("re-check keeps the icon").isEqualTo(StatusIcon.CAPTIVE);
        assertThat(status(Verdict.ONLINE, false, false, true).state()).isEqualTo(StatusIcon.PAUSED);
        assertThat(new TrayStatus(Optional.of(Verdict.ONLINE), null, null, false, true, null, false).headline(ZoneOffset.UTC))
                .as("paused, end unknown").isEqualTo("Checks paused");
    }
}
