package io.hookguard.domain.deliveries;

import java.util.Objects;

/** Use case: one page of the delivery list, newest first. */
public final class ListDeliveries {

    private final DeliveryReadModel readModel;

    public ListDeliveries(DeliveryReadModel readModel) {
        this.readModel = Objects.requireNonNull(readModel, "readModel");
    }

    public DeliveryPage list(DeliveryQuery query) {
        return readModel.page(Objects.requireNonNull(query, "query"));
    }
}
