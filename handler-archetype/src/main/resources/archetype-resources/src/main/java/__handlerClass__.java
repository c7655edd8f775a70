package ${package};

import java.util.List;
import org.osgi.service.component.annotations.Component;
import dev.synccenter.control.ProgressStatus;
import dev.synccenter.handler.CancelRequest;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncHandlerId;
import dev.synccenter.handler.SyncItem;

/** The handler "${handlerId}": a DS component, so the platform finds it as a SyncHandler service. */
@Component
@SyncHandlerId("${handlerId}")
public class ${handlerClass} implements SyncHandler {

    @Override
    public String name() {
        return "${handlerName}";
    }

    @Override
    public List<SyncItem> items() {
        return List.of(SyncItem.of("first", "First item"), SyncItem.of("second", "Second item"));
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
        int steps = 3;
        for (String itemId : itemIds) {
            for (int step = 1; step <= steps; step++) { // do one step of real work per report here
                CancelRequest cancel = callback.reportProgress(itemId, "Step " + step, ProgressStatus.UPDATING, step, steps);
                if (cancel == CancelRequest.CANCEL_ALL) return; // items left open end CANCELED
                if (cancel == CancelRequest.CANCEL_ITEM) break;
            }
            if (callback.canContinue(itemId)) callback.reportProgress(itemId, "Done", ProgressStatus.SUCCEEDED, steps, steps);
        }
    }
}
