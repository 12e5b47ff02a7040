package io.hookguard.http.console;

import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.ListDeliveries;
import io.hookguard.domain.deliveries.OutboundMessageLog;
import io.hookguard.domain.deliveries.ShowDelivery;
import io.hookguard.domain.deliveries.ShowForwardingStates;
import java.util.Objects;

/** The use cases the console's pages call. */
public record ConsoleUseCases(
        ListDeliveries listDeliveries,
        CountDeliveriesPerMinute countDeliveriesPerMinute,
        ShowDelivery showDelivery,
        ShowForwardingStates showForwardingStates,
        Redelivery redelivery,
        DuplicateCounts duplicates) {

    public ConsoleUseCases {
        Objects.requireNonNull(listDeliveries, "listDeliveries");
        Objects.requireNonNull(countDeliveriesPerMinute, "countDeliveriesPerMinute");
        Objects.requireNonNull(showDelivery, "showDelivery");
        Objects.requireNonNull(showForwardingStates, "showForwardingStates");
        Objects.requireNonNull(redelivery, "redelivery");
        Objects.requireNonNull(duplicates, "duplicates");
    }

    /** Without forwarding: the list shows no forwarding states and no duplicate counts. */
    public ConsoleUseCases(ListDeliveries listDeliveries, CountDeliveriesPerMinute countDeliveriesPerMinute,
            ShowDelivery showDelivery, Redelivery redelivery) {
        this(listDeliveries, countDeliveriesPerMinute, showDelivery,
                new ShowForwardingStates(OutboundMessageLog.none()), redelivery, DuplicateCounts.none());
    }
}
