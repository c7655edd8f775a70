package dev.synccenter.sample.selfstart;

import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.synccenter.control.SyncArgumentException;
import dev.synccenter.control.SyncControl;
import dev.synccenter.control.SyncRefusedException;
import dev.synccenter.handler.SyncCallback;
import dev.synccenter.handler.SyncHandler;
import dev.synccenter.handler.SyncHandlerId;
import dev.synccenter.handler.SyncItem;

/**
 * The seed's example of StartItemSync (C24): a handler's own procedure, here its activation, starts
 * a sync of one of its items. A delayed component: SCR creates it when its service is first used,
 * which for a handler is when the platform first calls it.
 */
@Component(service = SyncHandler.class)
@SyncHandlerId(SelfStartHandler.ID)
public final class SelfStartHandler implements SyncHandler {

    static final String ID = "self-start";
    static final String ITEM = "inbox";

    @Reference
    private SyncControl control;

    private Journal journal;

    @Activate
    void activate(BundleContext context) {
        journal = new Journal(context, ID, "delayed");
        journal.activated();
        try {
            journal.accepted(control.startItemSync(ID, List.of(ITEM), null, Set.of(), journal::finished));
        } catch (SyncArgumentException | SyncRefusedException e) {
            journal.refused(e);
        }
    }

    @Override
    public String name() {
        return "Self-start handler (delayed component)";
    }

    @Override
    public String comment() {
        return "Starts a sync of its item when activated; bundle " + journal.version();
    }

    @Override
    public List<SyncItem> items() {
        return List.of(SyncItem.of(ITEM, "Inbox"));
    }

    @Override
    public void synchronize(List<String> itemIds, SyncCallback callback, Object context, long requestId) {
        // Nothing to copy: returning ends every item SUCCEEDED (C15).
    }
}
