package ${package};

import org.junit.jupiter.api.Test;

import dev.synccenter.handler.testing.HandlerHarness;

/** Runs the handler as the platform does, without a framework; every assertion also checks the contract. */
class ${handlerClass}Test {

    @Test
    void syncsEveryItem() {
        HandlerHarness.of(new ${handlerClass}()).sync("first", "second").assertSucceeded("first", "second")
                .assertReportedFinalStatus("first", "second");
    }

    @Test
    void stopsAnItemWhenAskedToCancelAndGoesOnWithTheOthers() {
        HandlerHarness.of(new ${handlerClass}()).cancelItemAfterReports("first", 1).sync("first", "second")
                .assertCanceled("first").assertSucceeded("second");
    }

    @Test
    void stopsTheSessionWhenAskedToCancelAll() {
        HandlerHarness.of(new ${handlerClass}()).cancelAllAfterReports(1).sync("first", "second")
                .assertCanceled("first", "second");
    }
}
