package io.hookguard.http.console;

import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.ListDeliveries;
import io.hookguard.domain.deliveries.ShowDelivery;
import java.util.Objects;

/** The use cases the console's pages call. */
public record ConsoleUseCases(
        ListDeliveries listDeliveries,
        CountDeliveriesPerMinute countDeliveriesPerMinute,
        ShowDelivery showDelivery,
        Redelivery redelivery) {

    public ConsoleUseCases {
        Objects.requireNonNull(listDeliveries, "listDeliveries");
        Objects.requireNonNull(countDeliveriesPerMinute, "countDeliveriesPerMinute");
        Objects.requireNonNull(showDelivery, "showDelivery");
        Objects.requireNonNull(redelivery, "redelivery");
    }
}
