import { Modal, type ModalProps } from '@mantine/core';
import { createContext, type Dispatch, type SetStateAction, use, useEffect, useState } from 'react';

/** The dialog beneath, counting the dialogs open above it. */
const Beneath = createContext<Dispatch<SetStateAction<number>> | null>(null);

/**
 * Mantine's Modal for a dialog opened from inside another (a confirmation asked from a form) or that
 * opens others: Escape closes the dialog on top alone. Each Mantine modal closes on Escape from its own
 * window listener, so the form beneath a confirmation would close with it and lose what was typed.
 * A dialog that opens others (the task dialog) uses it, and so do those opened from it (ConfirmDialog,
 * ConflictDialog): while one is open above, the one beneath stays open on Escape.
 */
export function StackedModal({ opened, closeOnEscape = true, children, ...props }: ModalProps) {
  const [above, setAbove] = useState(0);
  const beneath = use(Beneath);
  useEffect(() => {
    if (!beneath || !opened) return;
    beneath((count) => count + 1);
    return () => beneath((count) => count - 1);
  }, [beneath, opened]);
  return (
    <Modal opened={opened} closeOnEscape={closeOnEscape && above === 0} {...props}>
      <Beneath value={setAbove}>{children}</Beneath>
    </Modal>
  );
}
