import { Layout, type PageContext } from '../components/layout.js';

export interface MessageView {
  readonly title: string;
  readonly body: string;
  readonly link: { readonly href: string; readonly text: string } | null;
}

/** A page that only says something: errors (403, 404, 410, 500…) and dead ends. */
export function MessagePage({ page, view }: { page: PageContext; view: MessageView }) {
  return (
    <Layout page={page} title={view.title}>
      <p>{view.body}</p>
      {view.link && (
        <p>
          <a href={view.link.href}>{view.link.text}</a>
        </p>
      )}
    </Layout>
  );
}
