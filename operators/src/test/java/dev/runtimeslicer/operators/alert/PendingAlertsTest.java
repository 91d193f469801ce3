package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.operators.alert.PendingAlerts.Offer;
import org.junit.jupiter.api.Test;

class PendingAlertsTest {

  @Test
  void keepsTheNewestStateOfEachAlertInTheOrderItsIdFirstCame() throws Exception {
    PendingAlerts pending = new PendingAlerts(10);

    assertThat(pending.offer(Alerts.firing("shop"))).isEqualTo(Offer.QUEUED);
    assertThat(pending.offer(Alerts.firing("web"))).isEqualTo(Offer.QUEUED);
    assertThat(pending.offer(Alerts.resolved("shop"))).isEqualTo(Offer.REPLACED);

    Alert first = pending.takeNext();
    assertThat(first.system).isEqualTo("shop");
    assertThat(first.status).isEqualTo(Alert.RESOLVED);
    assertThat(pending.size()).isEqualTo(2); // web waits, shop is in flight
    pending.finished(false);
    assertThat(pending.takeNext().system).isEqualTo("web");
  }

  @Test
  void aFullQueueDropsItsOldestWaitingAlertNotTheOneInFlight() throws Exception {
    PendingAlerts pending = new PendingAlerts(2);
    pending.offer(Alerts.firing("a"));
    pending.takeNext(); // a is in flight
    pending.offer(Alerts.firing("b"));
    pending.offer(Alerts.firing("c"));

    assertThat(pending.offer(Alerts.firing("d"))).isEqualTo(Offer.QUEUED_DROPPING_OLDEST);
    assertThat(pending.size()).isEqualTo(3);
    pending.finished(false);
    assertThat(pending.takeNext().system).isEqualTo("c");
  }

  @Test
  void drainsAtOnceWhenEmptyAndGivesUpWhileAlertmanagerIsUnreachable() throws Exception {
    PendingAlerts pending = new PendingAlerts(5);
    assertThat(pending.awaitDrained()).isTrue();

    pending.offer(Alerts.firing("a"));
    pending.offer(Alerts.firing("b"));
    pending.takeNext();
    pending.finished(true);

    assertThat(pending.awaitDrained()).isFalse();
    assertThat(pending.close()).isEqualTo(1);
    assertThat(pending.takeNext()).isNull();
  }
}
